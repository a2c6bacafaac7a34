package io.moraine.logs.logql.parser;

import java.util.Locale;

/**
 * Go's number printing, as Loki shows literals and parameters (parsing is {@link
 * io.moraine.logs.logql.units.GoFloat}).
 */
final class Numbers {
  private Numbers() {}

  /** Go's {@code fmt.Sprint(float64)}: shortest digits, exponent from 1e21 and below 1e-4. */
  static String formatGo(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent < -4 || exponent >= 21) {
      String digits = d.unscaledValue().abs().toString();
      StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      sb.append(abs < 10 ? "0" + abs : Integer.toString(abs));
      return sb.toString();
    }
    return d.toPlainString();
  }

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
  static String formatPlain(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return formatGo(v);
    }
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** Go's {@code %f}: six decimals. */
  static String formatFixed(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return formatGo(v);
    }
    return String.format(Locale.ROOT, "%f", v);
  }
}
