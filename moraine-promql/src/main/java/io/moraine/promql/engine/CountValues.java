package io.moraine.promql.engine;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.promql.parser.GoText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code count_values("label", v)}: per group, one output series per distinct sample value, the
 * value written into {@code label} as Go's {@code FormatFloat(v, 'f', -1, 64)}, counting the series
 * that have that value at each step.
 *
 * <p>Prometheus sets the label on each input series before grouping, so the label replaces an input
 * label of that name; with {@code by} it is always kept, with {@code without} it is kept unless it
 * is listed there or is {@code __name__}. The input is grouped once by everything else; only the
 * value lookup is per sample, keyed by the value's bits (distinct bits format distinctly, and all
 * NaNs are one key as they are one string).
 */
final class CountValues {
  private CountValues() {}

  private record Key(int group, long bits) {}

  /**
   * @throws QueryException.Execution {@code invalid label name "x"} if the label is not valid
   */
  static List<Row> eval(
      String label, List<String> grouping, boolean without, List<Row> input, int steps) {
    if (!LabelValidation.isValidLabelName(label)) {
      throw new QueryException.Execution("invalid label name " + GoText.quote(label));
    }
    List<String> names = new ArrayList<>(grouping);
    LabelSubset subset;
    boolean keepLabel;
    if (without) {
      names.add(label);
      subset = LabelSubset.dropping(names);
      keepLabel = !grouping.contains(label) && !label.equals(Labels.METRIC_NAME);
    } else {
      names.remove(label);
      subset = LabelSubset.keeping(names);
      keepLabel = true;
    }
    Groups groups = Groups.of(input, subset);
    Map<Key, Row> byValue = new HashMap<>();
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      int g = groups.groupOf[i];
      if (g < 0) {
        continue;
      }
      Row row = input.get(i);
      for (int s = row.present.nextSetBit(0); s >= 0; s = row.present.nextSetBit(s + 1)) {
        double v = row.values[s];
        Key key = new Key(g, keepLabel ? Double.doubleToLongBits(v) : 0);
        Row o = byValue.get(key);
        if (o == null) {
          Labels base = groups.labels.get(g);
          Labels labels =
              keepLabel ? base.toBuilder().add(label, GoText.plainFloat(v)).build() : base;
          o = Row.empty(labels, steps);
          byValue.put(key, o);
          out.add(o);
        }
        o.set(s, o.has(s) ? o.values[s] + 1 : 1);
      }
    }
    return out;
  }
}
