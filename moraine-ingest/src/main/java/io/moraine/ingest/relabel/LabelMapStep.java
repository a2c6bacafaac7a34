package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import java.util.regex.Matcher;

/**
 * {@code labelmap}: for each label (in order) whose name matches, sets the label named by the
 * expanded replacement to its value; later labels win. Names are not validated, as in Prometheus.
 */
record LabelMapStep(GoRegex regex, Template replacement) implements Step {
  static LabelMapStep of(GoRegex regex, String replacement) {
    return new LabelMapStep(regex, Template.compile(replacement, regex));
  }

  @Override
  public Labels apply(Labels in) {
    Labels.Builder b = null;
    for (int i = 0; i < in.size(); i++) {
      String name = in.name(i);
      Matcher m = regex.pattern().matcher(name);
      if (m.matches()) {
        if (b == null) {
          b = in.toBuilder();
        }
        b.add(replacement.expand(name, m), in.value(i));
      }
    }
    return b == null ? in : b.build();
  }
}
