package io.moraine.ingest.textparse;

/**
 * Prometheus' {@code labels.FormatOpenMetricsFloat}: Go's shortest {@code 'g'} formatting of a
 * float, with {@code ".0"} appended when the result has neither a point nor an exponent. The
 * OpenMetrics parser rewrites {@code le} of histograms and {@code quantile} of summaries with it,
 * so that {@code le="1"} and {@code le="1.0"} name the same series. Stateless.
 */
final class OpenMetricsFloat {
  /** Go's {@code 'g'} switches to an exponent from this decimal exponent on (shortest mode). */
  private static final int G_EXPONENT_THRESHOLD = 6;

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
    // Java's Double.toString yields the shortest digits that round-trip (JDK 19+), as Go does.
    String j = Double.toString(Math.abs(f));
    int e = j.indexOf('E');
    String mant = e < 0 ? j : j.substring(0, e);
    int exp10 = e < 0 ? 0 : Integer.parseInt(j.substring(e + 1));
    int point = mant.indexOf('.');
    StringBuilder digits = new StringBuilder(mant.length());
    digits.append(mant, 0, point).append(mant, point + 1, mant.length());
    int dp = point + exp10; // decimal point position relative to the digit string
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    digits.delete(0, lead);
    dp -= lead;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits.setLength(end);
    StringBuilder out = new StringBuilder(24);
    if (f < 0) {
      out.append('-');
    }
    int exp = dp - 1;
    if (exp < -4 || exp >= G_EXPONENT_THRESHOLD) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        out.append('0');
      }
      return out.append(a).toString();
    }
    if (dp <= 0) {
      out.append("0.");
      out.repeat('0', -dp).append(digits);
    } else if (dp >= digits.length()) {
      out.append(digits);
      out.repeat('0', dp - digits.length());
    } else {
      out.append(digits, 0, dp).append('.').append(digits, dp, digits.length());
    }
    return out.toString();
  }
}
