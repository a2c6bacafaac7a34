package io.moraine.promql.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code sort} and {@code sort_desc}: order matters only for an instant query's one step. */
final class Sorting {
  private Sorting() {}

  /** The rows ordered by their value at the first step, NaN last either way (as 2.42 orders). */
  static EvalResult sort(List<Row> rows, boolean descending) {
    List<Row> out = new ArrayList<>(rows);
    Comparator<Row> byValue =
        (a, b) -> {
          double x = a.has(0) ? a.values[0] : Double.NaN;
          double y = b.has(0) ? b.values[0] : Double.NaN;
          boolean xn = Double.isNaN(x);
          boolean yn = Double.isNaN(y);
          if (xn || yn) {
            return Boolean.compare(xn, yn);
          }
          return descending ? Double.compare(y, x) : Double.compare(x, y);
        };
    out.sort(byValue);
    return new EvalResult.Vector(out);
  }
}
