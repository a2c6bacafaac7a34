package io.moraine.promql.engine;

import io.moraine.core.labels.LabelValidation;
import io.moraine.promql.ast.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code label_replace} and {@code label_join}: label edits per series, values untouched. */
final class LabelFunctions {
  private LabelFunctions() {}

  static EvalResult replace(Evaluation ev, Call c, Steps steps) {
    List<Row> in = Evaluation.vector(ev.eval(c.args().get(0), steps)).rows();
    String dst = str(ev, c, 1, steps);
    String replacement = str(ev, c, 2, steps);
    String src = str(ev, c, 3, steps);
    String regex = str(ev, c, 4, steps);
    Pattern p;
    try {
      p = Pattern.compile("^(?:" + regex.replace("(?P<", "(?<") + ")$", Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new QueryException.Execution("invalid regular expression in label_replace(): " + regex);
    }
    if (!LabelValidation.isValidLabelName(dst)) {
      throw new QueryException.Execution(
          "invalid destination label name in label_replace(): " + dst);
    }
    List<Row> out = new ArrayList<>(in.size());
    for (Row row : in) {
      Matcher m = p.matcher(row.labels.getOrEmpty(src));
      if (m.matches()) {
        String value = expand(replacement, m);
        row.labels = row.labels.toBuilder().add(dst, value).build();
      }
      out.add(row);
    }
    return new EvalResult.Vector(SameLabels.joinOrFail(out));
  }

  static EvalResult join(Evaluation ev, Call c, Steps steps) {
    List<Row> in = Evaluation.vector(ev.eval(c.args().get(0), steps)).rows();
    String dst = str(ev, c, 1, steps);
    String sep = str(ev, c, 2, steps);
    List<String> srcs = new ArrayList<>();
    for (int i = 3; i < c.args().size(); i++) {
      String s = str(ev, c, i, steps);
      if (!LabelValidation.isValidLabelName(s)) {
        throw new QueryException.Execution("invalid source label name in label_join(): " + s);
      }
      srcs.add(s);
    }
    if (!LabelValidation.isValidLabelName(dst)) {
      throw new QueryException.Execution("invalid destination label name in label_join(): " + dst);
    }
    List<Row> out = new ArrayList<>(in.size());
    for (Row row : in) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < srcs.size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        sb.append(row.labels.getOrEmpty(srcs.get(i)));
      }
      row.labels = row.labels.toBuilder().add(dst, sb.toString()).build();
      out.add(row);
    }
    return new EvalResult.Vector(SameLabels.joinOrFail(out));
  }

  private static String str(Evaluation ev, Call c, int i, Steps steps) {
    if (ev.eval(c.args().get(i), steps) instanceof EvalResult.Str s) {
      return s.value();
    }
    throw new IllegalStateException("BUG: argument " + i + " of " + c.func().name());
  }

  /**
   * Expands a Go regexp template: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} name a
   * group (the longest run of letters, digits and underscores; unknown or unmatched groups give
   * ""), {@code $$} is a dollar, and a {@code $} that starts none of these is kept.
   */
  static String expand(String template, Matcher m) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = template.length();
    while (i < n) {
      char ch = template.charAt(i);
      if (ch != '$' || i + 1 >= n) {
        out.append(ch);
        i++;
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      boolean braced = next == '{';
      int start = braced ? i + 2 : i + 1;
      int end = start;
      while (end < n && isNameChar(template.charAt(end))) {
        end++;
      }
      if (end == start || (braced && (end >= n || template.charAt(end) != '}'))) {
        out.append('$');
        i++;
        continue;
      }
      out.append(group(m, template.substring(start, end)));
      i = braced ? end + 1 : end;
    }
    return out.toString();
  }

  private static boolean isNameChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private static String group(Matcher m, String name) {
    String g;
    try {
      if (name.chars().allMatch(Character::isDigit)) {
        int idx = Integer.parseInt(name);
        g = idx <= m.groupCount() ? m.group(idx) : null;
      } else {
        g = m.group(name);
      }
    } catch (IllegalArgumentException e) {
      g = null; // no such group: Go expands it to ""
    }
    return g == null ? "" : g;
  }
}
