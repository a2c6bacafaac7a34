package io.moraine.promql.engine;

import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.ParenExpr;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.function.FunctionDef;
import io.moraine.promql.function.FunctionException;
import io.moraine.promql.function.FunctionTable;
import io.moraine.promql.function.Window;
import java.util.ArrayList;
import java.util.List;

/** Function calls: range functions window by window, element-wise ones sample by sample. */
final class Calls {
  private Calls() {}

  static EvalResult eval(Evaluation ev, Call c, Steps steps) {
    FunctionDef def = FunctionTable.lookup(c.func().name());
    if (def == null) {
      throw new IllegalStateException("BUG: parsed call to unknown function " + c.func().name());
    }
    try {
      return switch (def.impl()) {
        case FunctionDef.Range r -> range(ev, c, def, r, steps);
        case FunctionDef.Element el -> element(ev, c, def, el, steps);
        case FunctionDef.Special s -> SpecialFunctions.eval(ev, c, steps);
      };
    } catch (FunctionException e) {
      throw new QueryException.Execution(String.valueOf(e.getMessage()));
    }
  }

  /** The range vector argument as a cursor: a matrix selector or a subquery. */
  static RangeSource rangeArg(Evaluation ev, Expr arg, Steps steps) {
    Expr e = unwrap(arg);
    return switch (e) {
      case MatrixSelector ms -> RangeSources.of(ev, ms, steps);
      case SubqueryExpr sq -> RangeSources.of(ev, sq, steps);
      default -> throw new IllegalStateException("BUG: range argument " + e);
    };
  }

  static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  /** Evaluates the scalar arguments; {@code null} in the slots of the non-scalar ones. */
  private static double[][] scalarArgs(Evaluation ev, Call c, Steps steps) {
    double[][] out = new double[c.args().size()][];
    for (int i = 0; i < out.length; i++) {
      if (c.args().get(i).type() == ValueType.SCALAR) {
        out[i] = Evaluation.scalarSteps(ev.eval(c.args().get(i), steps)).values();
      }
    }
    return out;
  }

  private static int argOfType(Call c, ValueType t) {
    for (int i = 0; i < c.args().size(); i++) {
      if (c.args().get(i).type() == t) {
        return i;
      }
    }
    return -1;
  }

  private static EvalResult range(
      Evaluation ev, Call c, FunctionDef def, FunctionDef.Range r, Steps steps) {
    double[][] scalars = scalarArgs(ev, c, steps);
    int m = argOfType(c, ValueType.MATRIX);
    double[] args = new double[scalars.length - 1];
    RangeSource src = rangeArg(ev, c.args().get(m), steps);
    Window w = new Window();
    List<Row> out = new ArrayList<>();
    while (src.next()) {
      w.ts = src.ts();
      w.vs = src.vs();
      int n = src.size();
      Row row = null;
      int from = 0;
      int to = 0;
      for (int i = 0; i < steps.count(); i++) {
        long end = src.windowEnd(i);
        long start = end - src.rangeMillis();
        while (from < n && w.ts[from] < start) {
          from++;
        }
        if (to < from) {
          to = from;
        }
        while (to < n && w.ts[to] <= end) {
          to++;
        }
        if (to == from) {
          continue;
        }
        w.from = from;
        w.to = to;
        w.rangeStartMillis = start;
        w.rangeEndMillis = end;
        w.evalTimeMillis = steps.at(i);
        fillArgs(scalars, m, i, args);
        if (r.fn().apply(w, args)) {
          if (row == null) {
            row =
                Row.empty(
                    def.dropsMetricName() ? LabelOps.dropName(src.labels()) : src.labels(),
                    steps.count());
          }
          row.set(i, w.result);
        }
      }
      if (row != null) {
        ev.countSamples(row.present.cardinality());
        out.add(row);
      }
    }
    SameLabels.requireDistinct(out);
    return new EvalResult.Vector(out);
  }

  private static void fillArgs(double[][] scalars, int skip, int step, double[] args) {
    int k = 0;
    for (int j = 0; j < scalars.length; j++) {
      if (j != skip) {
        args[k++] = scalars[j][step];
      }
    }
  }

  private static EvalResult element(
      Evaluation ev, Call c, FunctionDef def, FunctionDef.Element el, Steps steps) {
    double[][] scalars = scalarArgs(ev, c, steps);
    int v = argOfType(c, ValueType.VECTOR);
    List<Row> input;
    double[] args;
    if (v < 0) {
      input = List.of(SpecialFunctions.timeRow(steps));
      args = new double[scalars.length];
    } else {
      input = Evaluation.vector(ev.eval(c.args().get(v), steps)).rows();
      args = new double[scalars.length - 1];
    }
    List<Row> out = new ArrayList<>(input.size());
    for (Row in : input) {
      Row row =
          Row.empty(
              def.dropsMetricName() ? LabelOps.dropName(in.labels) : in.labels, steps.count());
      for (int i = in.present.nextSetBit(0); i >= 0; i = in.present.nextSetBit(i + 1)) {
        fillArgs(scalars, v, i, args);
        if (el.emptyWhen() != null && el.emptyWhen().test(args)) {
          continue;
        }
        row.set(i, el.fn().apply(in.values[i], args));
      }
      out.add(row);
    }
    return new EvalResult.Vector(SameLabels.joinOrFail(out));
  }
}
