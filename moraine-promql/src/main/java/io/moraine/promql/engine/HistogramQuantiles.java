package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.promql.ast.Call;
import io.moraine.promql.function.HistogramQuantile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code histogram_quantile(φ, buckets)} over classic histograms: bucket series are grouped by
 * their labels without {@code le} once; the quantile is computed per step from the buckets present
 * at that step.
 */
final class HistogramQuantiles {
  private HistogramQuantiles() {}

  static EvalResult eval(Evaluation ev, Call c, Steps steps) {
    double[] phi = Evaluation.scalarSteps(ev.eval(c.args().get(0), steps)).values();
    List<Row> in = Evaluation.vector(ev.eval(c.args().get(1), steps)).rows();
    Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
    for (Row row : in) {
      String le = row.labels.get("le");
      double bound = le == null ? Double.NaN : parseGoFloat(le);
      if (le == null || (Double.isNaN(bound) && !isNaNText(le))) {
        continue; // no or malformed bucket label: Prometheus skips the series
      }
      // Grouped with the metric name (two histograms never mix), output without it.
      Labels key = row.labels.toBuilder().remove("le").build();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bucket(row, bound));
    }
    List<Row> out = new ArrayList<>(groups.size());
    double[] upper = new double[16];
    double[] counts = new double[16];
    for (Map.Entry<Labels, List<Bucket>> g : groups.entrySet()) {
      List<Bucket> rows = g.getValue();
      if (upper.length < rows.size()) {
        upper = new double[rows.size()];
        counts = new double[rows.size()];
      }
      Row result = Row.empty(LabelOps.dropName(g.getKey()), steps.count());
      for (int i = 0; i < steps.count(); i++) {
        int n = 0;
        for (Bucket b : rows) {
          if (b.row().has(i)) {
            upper[n] = b.bound();
            counts[n] = b.row().values[i];
            n++;
          }
        }
        if (n > 0) {
          result.set(i, HistogramQuantile.quantile(phi[i], upper, counts, n));
        }
      }
      if (!result.isEmpty()) {
        out.add(result);
      }
    }
    return new EvalResult.Vector(Rows.mergeSameLabels(out));
  }

  private record Bucket(Row row, double bound) {}

  private static boolean isNaNText(String s) {
    return s.strip().equalsIgnoreCase("nan");
  }

  /** Go's {@code strconv.ParseFloat} for the forms a bucket bound takes; NaN when malformed. */
  static double parseGoFloat(String s) {
    String t = s;
    String sign = "";
    if (t.startsWith("+") || t.startsWith("-")) {
      sign = t.substring(0, 1);
      t = t.substring(1);
    }
    if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
      return sign.equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (t.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (t.isEmpty()
        || !Character.isDigit(t.charAt(t.length() - 1)) && t.charAt(t.length() - 1) != '.') {
      return Double.NaN; // Java would accept "1d" or "1f"; Go does not
    }
    try {
      return Double.parseDouble(sign + t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
