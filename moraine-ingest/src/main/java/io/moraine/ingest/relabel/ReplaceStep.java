package io.moraine.ingest.relabel;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;

/**
 * {@code replace}: when the regex matches the source value, expands the target label name and the
 * replacement from the match and sets the one to the other. As in Prometheus, an expanded name that
 * is not a valid label name, or an empty expanded value, deletes the label named by the unexpanded
 * {@code target_label} instead.
 *
 * @param wholeCapture the regex is {@code (.*)}: it matches any value without {@code \n}, with
 *     groups 0 and 1 the whole value, so the regex engine is skipped
 */
record ReplaceStep(
    Source source, GoRegex regex, boolean wholeCapture, Template target, Template replacement)
    implements Step {

  static ReplaceStep of(Source source, GoRegex regex, RelabelConfig c) {
    return new ReplaceStep(
        source,
        regex,
        regex.source().equals("(.*)"),
        Template.compile(c.targetLabel(), regex),
        Template.compile(c.replacement(), regex));
  }

  @Override
  public Labels apply(Labels in) {
    String value = source.value(in);
    MatchResult match = null;
    if (wholeCapture) {
      if (value.indexOf('\n') >= 0) {
        return in;
      }
    } else {
      Matcher m = regex.pattern().matcher(value);
      if (!m.matches()) {
        return in;
      }
      match = m;
    }
    String name = target.expand(value, match);
    if (!LabelValidation.isValidLabelName(name)) {
      return LabelEdits.delete(in, target.source());
    }
    String result = replacement.expand(value, match);
    if (result.isEmpty()) {
      return LabelEdits.delete(in, target.source());
    }
    return LabelEdits.set(in, name, result);
  }
}
