package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.LabelReplace;
import io.moraine.logs.logql.regex.Re2Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * {@code label_replace(v, dst, replacement, src, regex)} as PromQL's: when the anchored regex
 * matches the source label's value, {@code dst} is set to the expanded replacement ({@code $1},
 * {@code ${name}}, {@code $$}), or removed when that is empty. Not thread-safe.
 */
final class LabelReplaceEvaluator implements StepEvaluator {
  private final LabelReplace expr;
  private final Pattern regex;
  private final StepEvaluator inner;
  private final Map<Labels, Labels> cache = new HashMap<>();
  private List<SeriesSample> samples = List.of();

  LabelReplaceEvaluator(LabelReplace expr, StepEvaluator inner) {
    this.expr = expr;
    this.inner = inner;
    try {
      this.regex = Pattern.compile("^(?:" + Re2Pattern.javaSyntax(expr.regex()) + ")$");
    } catch (PatternSyntaxException e) {
      throw new LogqlEvaluationException(
          "invalid regex in label_replace: " + e.getDescription() + ": " + expr.regex());
    }
  }

  @Override
  public boolean next() {
    if (!inner.next()) {
      return false;
    }
    List<SeriesSample> in = inner.samples();
    List<SeriesSample> out = new ArrayList<>(in.size());
    for (SeriesSample s : in) {
      Labels labels = cache.get(s.labels());
      if (labels == null) {
        labels = replace(s.labels());
        cache.put(s.labels(), labels);
      }
      out.add(new SeriesSample(labels, s.value()));
    }
    samples = out;
    return true;
  }

  private Labels replace(Labels labels) {
    Matcher m = regex.matcher(labels.getOrEmpty(expr.source()));
    if (!m.matches()) {
      return labels;
    }
    String value = expand(expr.replacement(), m);
    Labels.Builder b = labels.toBuilder().remove(expr.destination());
    if (!value.isEmpty()) {
      b.add(expr.destination(), value);
    }
    return b.build();
  }

  /** Go's {@code Regexp.Expand}: {@code $n}, {@code ${n}}, {@code $name}, {@code $$}. */
  static String expand(String template, Matcher m) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        i++;
        continue;
      }
      if (template.charAt(i + 1) == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      boolean brace = template.charAt(i + 1) == '{';
      int start = brace ? i + 2 : i + 1;
      int end = start;
      while (end < template.length() && isNameChar(template.charAt(end))) {
        end++;
      }
      boolean closed = !brace || (end < template.length() && template.charAt(end) == '}');
      if (end == start || !closed) {
        sb.append('$');
        i++;
        continue;
      }
      sb.append(group(m, template.substring(start, end)));
      i = brace ? end + 1 : end;
    }
    return sb.toString();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static String group(Matcher m, String name) {
    @Nullable String v;
    if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      int n = name.length() > 8 ? Integer.MAX_VALUE : Integer.parseInt(name);
      v = n <= m.groupCount() ? m.group(n) : null;
    } else {
      v = m.namedGroups().containsKey(name) ? m.group(name) : null;
    }
    return v == null ? "" : v;
  }

  @Override
  public long timestampMillis() {
    return inner.timestampMillis();
  }

  @Override
  public List<SeriesSample> samples() {
    return samples;
  }
}
