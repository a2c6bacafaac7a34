package io.moraine.logs.logql.units;

import io.moraine.core.labels.GoQuote;

/** Go's {@code strconv.ParseFloat(s, 64)} for decimal input. Stateless and thread-safe. */
public final class GoFloat {
  private GoFloat() {}

  /**
   * Parses a float as Go does: digits, point, exponent and sign only (no spaces, no Java type
   * suffixes), plus {@code inf}/{@code infinity}/{@code nan} in any case with an optional sign.
   * Hexadecimal floats are not read.
   *
   * @throws UnitParseException {@code strconv.ParseFloat: parsing "x": invalid syntax}, or {@code
   *     ...: value out of range} for a finite text beyond a double (Go's {@code ErrRange})
   */
  public static double parse(String s) {
    if (s.isEmpty()) {
      throw invalid(s);
    }
    char first = s.charAt(0);
    String body = first == '+' || first == '-' ? s.substring(1) : s;
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return first == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (body.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        throw invalid(s);
      }
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw invalid(s);
    }
    if (Double.isInfinite(v)) {
      throw new UnitParseException(
          "strconv.ParseFloat: parsing " + GoQuote.quote(s) + ": value out of range");
    }
    return v;
  }

  private static UnitParseException invalid(String s) {
    return new UnitParseException(
        "strconv.ParseFloat: parsing " + GoQuote.quote(s) + ": invalid syntax");
  }
}
