package io.moraine.promql.function;

/**
 * Element-wise math whose Java library form differs from Go's: rounding, clamping (Go's {@code
 * math.Max}/{@code Min}: an infinity wins over NaN), the sign, the binary logarithm and the inverse
 * hyperbolic functions, which Java lacks.
 */
final class Elementwise {
  private static final double LN2 = Math.log(2);
  private static final double TWO_POW_28 = 0x1p28;
  private static final double TWO_POW_MINUS_28 = 0x1p-28;

  private Elementwise() {}

  /**
   * {@code round(v, to_nearest)}: to the nearest multiple of {@code args[0]} (1 when omitted),
   * halves rounded up, computed through the inverse as Prometheus does.
   */
  static double round(double v, double[] args) {
    double inverse = 1.0 / (args.length > 0 ? args[0] : 1.0);
    return Math.floor(v * inverse + 0.5) / inverse;
  }

  /** {@code clamp(v, min, max)}; the engine drops the step when max &lt; min. */
  static double clamp(double v, double[] args) {
    return goMax(args[0], goMin(args[1], v));
  }

  /** Whether {@code clamp}'s step yields nothing: max &lt; min. */
  static boolean clampIsEmpty(double[] args) {
    return args[1] < args[0];
  }

  static double clampMin(double v, double[] args) {
    return goMax(args[0], v);
  }

  static double clampMax(double v, double[] args) {
    return goMin(args[0], v);
  }

  /** −1, 1, or the value itself for ±0 and NaN. */
  static double sgn(double v) {
    if (v < 0) {
      return -1;
    }
    return v > 0 ? 1 : v;
  }

  /** The larger value; +Inf if either is +Inf, else NaN if either is NaN; +0 over −0. */
  static double goMax(double x, double y) {
    if (x == Double.POSITIVE_INFINITY || y == Double.POSITIVE_INFINITY) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(x, y);
  }

  /** The smaller value; −Inf if either is −Inf, else NaN if either is NaN; −0 over +0. */
  static double goMin(double x, double y) {
    if (x == Double.NEGATIVE_INFINITY || y == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.min(x, y);
  }

  /** Binary logarithm, exact for powers of two. */
  static double log2(double v) {
    if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
      return Math.log(v); // NaN, -Inf for zero, +Inf
    }
    int bias = 0;
    if (v < Double.MIN_NORMAL) {
      v *= 0x1p52;
      bias = 52;
    }
    int exponent = Math.getExponent(v);
    double mantissa = Math.scalb(v, -exponent); // in [1, 2)
    if (mantissa == 1) {
      return exponent - bias;
    }
    return Math.log(mantissa) / LN2 + (exponent - bias);
  }

  static double asinh(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
      return x;
    }
    double a = Math.abs(x);
    double r;
    if (a > TWO_POW_28) {
      r = Math.log(a) + LN2;
    } else if (a > 2) {
      r = Math.log(2 * a + 1 / (Math.sqrt(a * a + 1) + a));
    } else if (a < TWO_POW_MINUS_28) {
      r = a;
    } else {
      r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    }
    return x < 0 ? -r : r;
  }

  /** NaN below 1. */
  static double acosh(double x) {
    if (!(x >= 1)) {
      return Double.NaN;
    }
    if (x == 1) {
      return 0;
    }
    if (x >= TWO_POW_28) {
      return Math.log(x) + LN2;
    }
    if (x > 2) {
      return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
    }
    double t = x - 1;
    return Math.log1p(t + Math.sqrt(2 * t + t * t));
  }

  /** NaN outside [−1, 1], ±Inf at ±1. */
  static double atanh(double x) {
    double a = Math.abs(x);
    if (!(a <= 1)) {
      return Double.NaN;
    }
    if (a == 1) {
      return x > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    if (a < TWO_POW_MINUS_28) {
      return x;
    }
    double r;
    if (a < 0.5) {
      double twice = a + a;
      r = 0.5 * Math.log1p(twice + twice * a / (1 - a));
    } else {
      r = 0.5 * Math.log1p((a + a) / (1 - a));
    }
    return x < 0 ? -r : r;
  }
}
