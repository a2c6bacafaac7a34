package io.moraine.promql.engine;

import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.AggregateOp;
import io.moraine.promql.function.Quantiles;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates an aggregation ({@code sum by (job) (...)} and the rest) as Prometheus 2.42 does, over
 * all steps at once: the input rows are grouped once by their labels, then each group folds its
 * rows' samples step by step in arrays sized by the step count.
 *
 * <p>Output labels are the group's labels ({@code by}: only the listed labels; {@code without}: all
 * but the listed ones and {@code __name__}; neither: none), except for {@code topk} and {@code
 * bottomk}, which output the chosen input series unchanged, and {@code count_values}, which adds
 * its value label. A group has a sample at a step iff one of its rows does. For a one-step query
 * the output rows come in Prometheus's order.
 */
final class AggregateEval {
  private AggregateEval() {}

  /**
   * @param input the rows of the aggregated expression; only read
   * @param param the parameter's value: {@link EvalResult.ScalarSteps} for {@code topk}, {@code
   *     bottomk} and {@code quantile}, {@link EvalResult.Str} for {@code count_values}, else null
   * @throws QueryException.Execution for a {@code topk}/{@code bottomk} parameter that overflows
   *     int64 or an invalid {@code count_values} label name, with Prometheus's messages
   */
  static EvalResult.Vector eval(
      AggregateExpr e, List<Row> input, @Nullable EvalResult param, Steps steps) {
    int n = steps.count();
    AggregateOp op = e.op();
    if (op == AggregateOp.COUNT_VALUES) {
      if (!(param instanceof EvalResult.Str label)) {
        throw new IllegalStateException("BUG: count_values needs a string parameter: " + param);
      }
      return new EvalResult.Vector(
          CountValues.eval(label.value(), e.grouping(), e.without(), input, n));
    }
    LabelSubset subset =
        e.without() ? LabelSubset.dropping(e.grouping()) : LabelSubset.keeping(e.grouping());
    Groups groups = Groups.of(input, subset);
    List<Row> out =
        switch (op) {
          case TOPK, BOTTOMK ->
              TopK.eval(op == AggregateOp.TOPK, groups, input, scalar(op, param, n), n);
          case QUANTILE -> quantile(groups, input, scalar(op, param, n), n);
          default -> fold(op, groups, input, n);
        };
    return new EvalResult.Vector(out);
  }

  private static double[] scalar(AggregateOp op, @Nullable EvalResult param, int steps) {
    if (param instanceof EvalResult.ScalarSteps s && s.values().length == steps) {
      return s.values();
    }
    throw new IllegalStateException("BUG: " + op.text() + " needs a scalar parameter: " + param);
  }

  private static List<Row> fold(AggregateOp op, Groups groups, List<Row> input, int steps) {
    Accumulator[] acc = new Accumulator[groups.count()];
    for (int g = 0; g < acc.length; g++) {
      acc[g] = new Accumulator(op, steps);
    }
    int[] groupOf = groups.groupOf;
    for (int i = 0; i < groupOf.length; i++) {
      if (groupOf[i] >= 0) {
        acc[groupOf[i]].add(input.get(i));
      }
    }
    List<Row> out = new ArrayList<>(acc.length);
    for (int g = 0; g < acc.length; g++) {
      Row row = acc[g].finish(groups.labels.get(g));
      if (row != null) {
        out.add(row);
      }
    }
    return out;
  }

  /** {@code quantile(φ, v)}: per group and step, the φ-quantile of the samples present there. */
  private static List<Row> quantile(Groups groups, List<Row> input, double[] phi, int steps) {
    int[][] members = groups.members();
    double[] scratch = new double[groups.largest()];
    List<Row> out = new ArrayList<>(members.length);
    for (int g = 0; g < members.length; g++) {
      int[] group = members[g];
      BitSet seen = new BitSet(steps);
      for (int i : group) {
        seen.or(input.get(i).present);
      }
      double[] values = new double[steps];
      for (int s = seen.nextSetBit(0); s >= 0; s = seen.nextSetBit(s + 1)) {
        int n = 0;
        for (int i : group) {
          Row r = input.get(i);
          if (r.has(s)) {
            scratch[n++] = r.values[s];
          }
        }
        values[s] = Quantiles.quantile(phi[s], scratch, 0, n);
      }
      out.add(new Row(groups.labels.get(g), values, seen));
    }
    return out;
  }
}
