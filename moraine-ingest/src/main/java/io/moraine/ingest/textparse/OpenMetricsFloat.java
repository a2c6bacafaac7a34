package io.moraine.ingest.textparse;

import io.moraine.core.exposition.FloatFormat;

/**
 * Prometheus' {@code labels.FormatOpenMetricsFloat}: Go's shortest {@code 'g'} formatting of a
 * float, with {@code ".0"} appended when the result has neither a point nor an exponent. The
 * OpenMetrics parser rewrites {@code le} of histograms and {@code quantile} of summaries with it,
 * so that {@code le="1"} and {@code le="1.0"} name the same series. Stateless.
 */
final class OpenMetricsFloat {
  private OpenMetricsFloat() {}

  static String format(double f) {
    if (f == 1) {
      return "1.0";
    } else if (f == 0) {
      return "0.0";
    } else if (f == -1) {
      return "-1.0";
    } else if (Double.isNaN(f)) {
      return "NaN";
    } else if (f == Double.POSITIVE_INFINITY) {
      return "+Inf";
    } else if (f == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    String s = formatG(f);
    return s.indexOf('.') >= 0 || s.indexOf('e') >= 0 ? s : s + ".0";
  }

  /** {@code strconv.FormatFloat(f, 'g', -1, 64)} for a finite, non-zero f. */
  static String formatG(double f) {
    return FloatFormat.shortest(f, FloatFormat.GO_G_THRESHOLD);
  }
}
