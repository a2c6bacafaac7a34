package io.moraine.promql.engine;

import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.BinaryOp;
import io.moraine.promql.ast.VectorMatching;
import io.moraine.promql.ast.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Evaluates a binary operation over all steps as Prometheus 2.42 does: scalar-scalar, vector-scalar
 * either way round, vector-vector with {@code on}/{@code ignoring} and {@code group_left}/{@code
 * group_right} ({@link VectorMatch}), and the set operators ({@link SetOps}).
 *
 * <p>Arithmetic drops {@code __name__}; a comparison filters and keeps the vector's value (the left
 * one between vectors) and its name; with {@code bool} it yields 1 or 0 at every step where both
 * sides have a sample, without the name. Inputs are only read; outputs are new rows.
 */
final class BinaryEval {
  private BinaryEval() {}

  /**
   * @param lhs the left operand's value: {@link EvalResult.ScalarSteps} or {@link
   *     EvalResult.Vector}
   * @param rhs the right operand's value, likewise
   * @throws QueryException.Execution for a vector-matching cardinality violation or two outputs
   *     with the same labels at a step, with Prometheus's messages
   */
  static EvalResult eval(BinaryExpr e, EvalResult lhs, EvalResult rhs, Steps steps) {
    BinaryOp op = e.op();
    int n = steps.count();
    if (lhs instanceof EvalResult.ScalarSteps l && rhs instanceof EvalResult.ScalarSteps r) {
      double[] out = new double[n];
      for (int s = 0; s < n; s++) {
        out[s] = BinaryOps.scalar(op, l.values()[s], r.values()[s]);
      }
      return new EvalResult.ScalarSteps(out);
    }
    if (lhs instanceof EvalResult.Vector l && rhs instanceof EvalResult.ScalarSteps r) {
      return vectorScalar(op, e.returnBool(), l.rows(), r.values(), false, n);
    }
    if (lhs instanceof EvalResult.ScalarSteps l && rhs instanceof EvalResult.Vector r) {
      return vectorScalar(op, e.returnBool(), r.rows(), l.values(), true, n);
    }
    if (lhs instanceof EvalResult.Vector l && rhs instanceof EvalResult.Vector r) {
      return new EvalResult.Vector(vectorVector(e, l.rows(), r.rows(), n));
    }
    throw new IllegalStateException(
        "BUG: operands of " + op.text() + ": " + lhs.getClass() + ", " + rhs.getClass());
  }

  private static List<Row> vectorVector(BinaryExpr e, List<Row> lhs, List<Row> rhs, int steps) {
    BinaryOp op = e.op();
    VectorMatching m = e.matching();
    if (m == null) {
      Cardinality card = op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE;
      m = new VectorMatching(card, List.of(), false, List.of());
    }
    if (!op.isSetOperator()) {
      return VectorMatch.eval(op, e.returnBool(), m, lhs, rhs, steps);
    }
    LabelSubset signature =
        m.on() ? LabelSubset.keeping(m.matchingLabels()) : LabelSubset.dropping(m.matchingLabels());
    return switch (op) {
      case AND -> SetOps.and(lhs, rhs, signature);
      case OR -> SetOps.or(lhs, rhs, signature);
      case UNLESS -> SetOps.unless(lhs, rhs, signature);
      default -> throw new IllegalStateException("BUG: not a set operator: " + op);
    };
  }

  /**
   * A vector and a scalar; {@code scalarLeft} when the scalar is the left operand, which matters
   * for the operand order, not for which value a comparison keeps (always the vector's).
   */
  private static EvalResult.Vector vectorScalar(
      BinaryOp op, boolean bool, List<Row> rows, double[] scalar, boolean scalarLeft, int steps) {
    boolean dropName = BinaryOps.dropsMetricName(op) || bool;
    List<Row> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.isEmpty()) {
        continue;
      }
      double[] v = row.values;
      double[] l = scalarLeft ? scalar : v;
      double[] r = scalarLeft ? v : scalar;
      double[] res = new double[steps];
      BitSet p = (BitSet) row.present.clone();
      if (!op.isComparison()) {
        BinaryOps.arithmetic(op, l, r, res, p);
      } else {
        for (int s = p.nextSetBit(0); s >= 0; s = p.nextSetBit(s + 1)) {
          boolean keep = BinaryOps.compare(op, l[s], r[s]);
          if (bool) {
            res[s] = keep ? 1 : 0;
          } else if (keep) {
            res[s] = v[s];
          } else {
            p.clear(s);
          }
        }
        if (p.isEmpty()) {
          continue;
        }
      }
      out.add(new Row(dropName ? LabelSubset.dropMetricName(row.labels) : row.labels, res, p));
    }
    if (!dropName) {
      return new EvalResult.Vector(out);
    }
    return new EvalResult.Vector(SameLabels.joinOrFail(out));
  }
}
