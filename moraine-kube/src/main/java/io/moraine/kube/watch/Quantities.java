package io.moraine.kube.watch;

import java.math.BigDecimal;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 1.5Gi}, {@code 2e3}, {@code 10}) as plain
 * numbers in their base unit (cores, bytes, counts), with the grammar of Kubernetes' {@code
 * resource.Quantity}: an optionally signed decimal number followed by nothing, a decimal SI suffix
 * ({@code n u m k M G T P E}), a binary SI suffix ({@code Ki Mi Gi Ti Pi Ei}) or a decimal exponent
 * ({@code e3}, {@code E-2}). Stateless and thread-safe.
 */
public final class Quantities {
  private Quantities() {}

  /**
   * The value of {@code quantity}, rounded once to the nearest double.
   *
   * @throws IllegalArgumentException naming the quantity and what is wrong with it
   */
  public static double parse(String quantity) {
    String q = quantity;
    int end = numberEnd(q);
    String number = q.substring(0, end);
    if (!hasDigit(number)) {
      throw bad(q, "no digits");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(number.startsWith("+") ? number.substring(1) : number);
    } catch (NumberFormatException e) {
      throw bad(q, "malformed number '" + number + "'");
    }
    return scale(value, q.substring(end), q).doubleValue();
  }

  /** Where the number part ends: after sign, digits and at most one point. */
  private static int numberEnd(String q) {
    int i = 0;
    if (i < q.length() && (q.charAt(i) == '+' || q.charAt(i) == '-')) {
      i++;
    }
    boolean point = false;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (c >= '0' && c <= '9') {
        i++;
      } else if (c == '.' && !point) {
        point = true;
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static BigDecimal scale(BigDecimal v, String suffix, String q) {
    return switch (suffix) {
      case "" -> v;
      case "n" -> v.scaleByPowerOfTen(-9);
      case "u" -> v.scaleByPowerOfTen(-6);
      case "m" -> v.scaleByPowerOfTen(-3);
      case "k" -> v.scaleByPowerOfTen(3);
      case "M" -> v.scaleByPowerOfTen(6);
      case "G" -> v.scaleByPowerOfTen(9);
      case "T" -> v.scaleByPowerOfTen(12);
      case "P" -> v.scaleByPowerOfTen(15);
      case "E" -> v.scaleByPowerOfTen(18);
      case "Ki" -> v.multiply(BigDecimal.TWO.pow(10));
      case "Mi" -> v.multiply(BigDecimal.TWO.pow(20));
      case "Gi" -> v.multiply(BigDecimal.TWO.pow(30));
      case "Ti" -> v.multiply(BigDecimal.TWO.pow(40));
      case "Pi" -> v.multiply(BigDecimal.TWO.pow(50));
      case "Ei" -> v.multiply(BigDecimal.TWO.pow(60));
      default -> v.scaleByPowerOfTen(exponent(suffix, q));
    };
  }

  private static int exponent(String suffix, String q) {
    if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
      throw bad(q, "unknown suffix '" + suffix + "'");
    }
    String digits = suffix.substring(1);
    int start = digits.startsWith("+") || digits.startsWith("-") ? 1 : 0;
    if (digits.length() == start || digits.length() - start > 3) {
      throw bad(q, "bad exponent '" + suffix + "'");
    }
    for (int i = start; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw bad(q, "bad exponent '" + suffix + "'");
      }
    }
    return Integer.parseInt(digits.startsWith("+") ? digits.substring(1) : digits);
  }

  private static IllegalArgumentException bad(String q, String why) {
    return new IllegalArgumentException("invalid Kubernetes quantity '" + q + "': " + why);
  }
}
