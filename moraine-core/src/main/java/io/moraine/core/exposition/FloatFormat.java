package io.moraine.core.exposition;

/**
 * Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} family: the shortest digits that round-trip
 * (Java's {@code Double.toString} gives the same digits), in plain notation for decimal exponents
 * in {@code [-4, threshold)} and as {@code 1.5e+21} / {@code 1e-05} outside. Stateless.
 */
public final class FloatFormat {
  /** Go's own switch for {@code 'g'} in shortest mode. */
  public static final int GO_G_THRESHOLD = 6;

  private FloatFormat() {}

  /**
   * Formats a finite, non-zero value.
   *
   * @param exponentThreshold the decimal exponent from which the exponent form is used
   */
  public static String shortest(double f, int exponentThreshold) {
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
    if (exp < -4 || exp >= exponentThreshold) {
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
