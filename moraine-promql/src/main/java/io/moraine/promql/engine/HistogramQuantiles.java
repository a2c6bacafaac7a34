package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.promql.ast.Call;
import io.moraine.promql.function.HistogramQuantile;
import io.moraine.promql.parser.GoNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

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
      OptionalDouble bound = le == null ? OptionalDouble.empty() : GoNumbers.parseFloat(le);
      if (bound.isEmpty()) {
        continue; // no or malformed bucket label: Prometheus skips the series
      }
      // Grouped with the metric name (two histograms never mix), output without it.
      Labels key = row.labels.toBuilder().remove("le").build();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bucket(row, bound.getAsDouble()));
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
    return new EvalResult.Vector(SameLabels.joinOrFail(out));
  }

  private record Bucket(Row row, double bound) {}
}
