package io.moraine.promql.engine;

import io.moraine.promql.ast.BinaryOp;
import java.util.BitSet;

/**
 * The arithmetic and comparison of two float samples, with Go's {@code math} semantics where Java's
 * differ. Stateless.
 */
final class BinaryOps {
  private BinaryOps() {}

  /** Whether the operator's result loses the metric name (arithmetic, not comparison or atan2). */
  static boolean dropsMetricName(BinaryOp op) {
    return switch (op) {
      case ADD, SUB, MUL, DIV, MOD, POW -> true;
      default -> false;
    };
  }

  /** {@code l op r} for an arithmetic operator ({@code + - * / % ^ atan2}). */
  static double arithmetic(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> mod(l, r);
      case POW -> pow(l, r);
      case ATAN2 -> Math.atan2(l, r);
      default -> throw new IllegalStateException("BUG: not arithmetic: " + op);
    };
  }

  /**
   * {@code out[s] = l[s] op r[s]} for an arithmetic operator at least at the steps in {@code
   * present}. The cheap operators run over every step in one branch-free loop (values at absent
   * steps are meaningless anyway); the costly ones only at the present steps.
   */
  static void arithmetic(BinaryOp op, double[] l, double[] r, double[] out, BitSet present) {
    int n = out.length;
    switch (op) {
      case ADD -> {
        for (int s = 0; s < n; s++) {
          out[s] = l[s] + r[s];
        }
      }
      case SUB -> {
        for (int s = 0; s < n; s++) {
          out[s] = l[s] - r[s];
        }
      }
      case MUL -> {
        for (int s = 0; s < n; s++) {
          out[s] = l[s] * r[s];
        }
      }
      case DIV -> {
        for (int s = 0; s < n; s++) {
          out[s] = l[s] / r[s];
        }
      }
      default -> {
        for (int s = present.nextSetBit(0); s >= 0; s = present.nextSetBit(s + 1)) {
          out[s] = arithmetic(op, l[s], r[s]);
        }
      }
    }
  }

  /** {@code l op r} for a comparison operator. */
  static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      default -> throw new IllegalStateException("BUG: not a comparison: " + op);
    };
  }

  /** Scalar-scalar evaluation: comparisons give 1 or 0. */
  static double scalar(BinaryOp op, double l, double r) {
    if (op.isComparison()) {
      return compare(op, l, r) ? 1 : 0;
    }
    return arithmetic(op, l, r);
  }

  /**
   * Go's {@code math.Mod}: the remainder with the sign of x, exact; NaN for x infinite or NaN and
   * for y zero or NaN; x for y infinite. Java's {@code %} on doubles has the same definition.
   */
  static double mod(double x, double y) {
    return x % y;
  }

  /**
   * Go's {@code math.Pow}. Differs from {@link Math#pow} in that 1 to any power (NaN and ±Inf
   * included) is 1, and −1 to ±Inf is 1 (Java gives NaN for all of these); {@code x^±0.5} is the
   * correctly rounded square root (or its reciprocal) as in Go.
   */
  static double pow(double x, double y) {
    if (y == 0 || x == 1) {
      return 1;
    }
    if (y == 1) {
      return x;
    }
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.NaN;
    }
    if (x == -1 && Double.isInfinite(y)) {
      return 1;
    }
    if (x != 0 && !Double.isInfinite(x)) {
      if (y == 0.5) {
        return Math.sqrt(x);
      }
      if (y == -0.5) {
        return 1 / Math.sqrt(x);
      }
    }
    return Math.pow(x, y);
  }
}
