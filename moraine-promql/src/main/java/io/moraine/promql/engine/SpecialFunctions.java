package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The functions the engine evaluates itself because they look at labels, series sets or the
 * selector rather than at one value or window: absent, vector, scalar, time, timestamp, sort, the
 * label and histogram functions.
 */
final class SpecialFunctions {
  private SpecialFunctions() {}

  static EvalResult eval(Evaluation ev, Call c, Steps steps) {
    List<Expr> args = c.args();
    return switch (c.func().name()) {
      case "time" -> timeScalar(steps);
      case "pi" -> Evaluation.scalar(Math.PI, steps);
      case "vector" -> {
        double[] v = Evaluation.scalarSteps(ev.eval(args.get(0), steps)).values();
        Row row = Row.empty(Labels.EMPTY, steps.count());
        for (int i = 0; i < v.length; i++) {
          row.set(i, v[i]);
        }
        yield new EvalResult.Vector(List.of(row));
      }
      case "scalar" -> scalar(Evaluation.vector(ev.eval(args.get(0), steps)).rows(), steps);
      case "timestamp" -> timestamp(ev, args.get(0), steps);
      case "absent" -> absent(ev, args.get(0), steps);
      case "absent_over_time" -> absentOverTime(ev, args.get(0), steps);
      case "sort", "sort_desc" ->
          Sorting.sort(
              Evaluation.vector(ev.eval(args.get(0), steps)).rows(),
              c.func().name().equals("sort_desc"));
      case "label_replace" -> LabelFunctions.replace(ev, c, steps);
      case "label_join" -> LabelFunctions.join(ev, c, steps);
      case "histogram_quantile" -> HistogramQuantiles.eval(ev, c, steps);
      // Native histograms are not stored; over float samples these yield nothing, as in 2.42.
      case "histogram_count", "histogram_sum", "histogram_fraction" -> {
        for (Expr a : args) {
          ev.eval(a, steps);
        }
        yield new EvalResult.Vector(List.of());
      }
      default -> throw new IllegalStateException("BUG: no evaluator for " + c.func().name());
    };
  }

  /** One row with no labels whose value is the step's time in seconds ({@code vector(time())}). */
  static Row timeRow(Steps steps) {
    Row row = Row.empty(Labels.EMPTY, steps.count());
    for (int i = 0; i < steps.count(); i++) {
      row.set(i, steps.at(i) / 1000.0);
    }
    return row;
  }

  private static EvalResult timeScalar(Steps steps) {
    double[] v = new double[steps.count()];
    for (int i = 0; i < v.length; i++) {
      v[i] = steps.at(i) / 1000.0;
    }
    return new EvalResult.ScalarSteps(v);
  }

  private static EvalResult scalar(List<Row> rows, Steps steps) {
    double[] v = new double[steps.count()];
    for (int i = 0; i < v.length; i++) {
      Row only = null;
      int n = 0;
      for (Row r : rows) {
        if (r.has(i)) {
          n++;
          only = r;
        }
      }
      v[i] = n == 1 && only != null ? only.values[i] : Double.NaN;
    }
    return new EvalResult.ScalarSteps(v);
  }

  private static EvalResult timestamp(Evaluation ev, Expr arg, Steps steps) {
    Expr e = Calls.unwrap(arg);
    if (e instanceof VectorSelector vs) {
      return Selectors.instant(ev, vs, steps, true);
    }
    List<Row> in = Evaluation.vector(ev.eval(arg, steps)).rows();
    List<Row> out = new ArrayList<>(in.size());
    for (Row r : in) {
      Row row = Row.empty(LabelOps.dropName(r.labels), steps.count());
      for (int i = r.present.nextSetBit(0); i >= 0; i = r.present.nextSetBit(i + 1)) {
        row.set(i, steps.at(i) / 1000.0);
      }
      out.add(row);
    }
    return new EvalResult.Vector(SameLabels.joinOrFail(out));
  }

  private static EvalResult absent(Evaluation ev, Expr arg, Steps steps) {
    List<Row> in = Evaluation.vector(ev.eval(arg, steps)).rows();
    Expr e = Calls.unwrap(arg);
    Labels labels = e instanceof VectorSelector vs ? absentLabels(vs) : Labels.EMPTY;
    Row row = Row.empty(labels, steps.count());
    for (int i = 0; i < steps.count(); i++) {
      boolean any = false;
      for (Row r : in) {
        if (r.has(i)) {
          any = true;
          break;
        }
      }
      if (!any) {
        row.set(i, 1);
      }
    }
    return new EvalResult.Vector(row.isEmpty() ? List.of() : List.of(row));
  }

  private static EvalResult absentOverTime(Evaluation ev, Expr arg, Steps steps) {
    RangeSource src = Calls.rangeArg(ev, arg, steps);
    Expr e = Calls.unwrap(arg);
    Labels labels = e instanceof MatrixSelector ms ? absentLabels(ms.selector()) : Labels.EMPTY;
    boolean[] any = new boolean[steps.count()];
    while (src.next()) {
      long[] ts = src.ts();
      int n = src.size();
      int from = 0;
      for (int i = 0; i < any.length; i++) {
        long end = src.windowEnd(i);
        long start = end - src.rangeMillis();
        while (from < n && ts[from] < start) {
          from++;
        }
        if (from < n && ts[from] <= end) {
          any[i] = true;
        }
      }
    }
    Row row = Row.empty(labels, steps.count());
    for (int i = 0; i < any.length; i++) {
      if (!any[i]) {
        row.set(i, 1);
      }
    }
    return new EvalResult.Vector(row.isEmpty() ? List.of() : List.of(row));
  }

  /**
   * The labels {@code absent} gives its sample: each label's first equality matcher (the name's
   * excepted); any other matcher on a label removes it again, as Prometheus has always done.
   */
  static Labels absentLabels(VectorSelector vs) {
    Labels.Builder b = Labels.builder();
    Set<String> set = new HashSet<>();
    for (Matcher m : vs.matchers()) {
      if (m.name().equals(Labels.METRIC_NAME)) {
        continue;
      }
      if (m.type() == Matcher.Type.EQ && set.add(m.name())) {
        b.add(m.name(), m.value());
      } else {
        b.remove(m.name());
      }
    }
    return b.build();
  }
}
