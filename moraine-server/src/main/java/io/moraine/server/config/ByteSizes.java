package io.moraine.server.config;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prometheus byte sizes, as {@code --storage.tsdb.retention.size} takes them: a number with a unit
 * {@code B KB MB GB TB PB EB} (or {@code KiB ... EiB}), all binary multiples (KB = 1024), terms may
 * follow each other ({@code 1GB512MB}), fractions are allowed and truncated to whole bytes; a lone
 * {@code 0} is zero.
 */
public final class ByteSizes {
  private static final String[] UNITS = {"B", "K", "M", "G", "T", "P", "E"};

  private ByteSizes() {}

  /**
   * Parses a size to bytes.
   *
   * @throws IllegalArgumentException naming the input when it is not a valid size or does not fit
   *     in a long
   */
  public static long parseBytes(String s) {
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty size string");
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      int unitStart = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      BigDecimal number = number(s, start, unitStart);
      total = total.add(number.multiply(BigDecimal.valueOf(multiplier(s, unitStart, i))));
    }
    BigDecimal whole = total.setScale(0, RoundingMode.DOWN);
    if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("size too large: \"" + s + "\"");
    }
    return whole.longValueExact();
  }

  private static BigDecimal number(String s, int start, int end) {
    String digits = s.substring(start, end);
    if (digits.isEmpty() || digits.equals(".") || digits.indexOf('.') != digits.lastIndexOf('.')) {
      throw invalid(s);
    }
    return new BigDecimal(digits.startsWith(".") ? "0" + digits : digits);
  }

  private static long multiplier(String s, int start, int end) {
    String unit = s.substring(start, end);
    if (unit.equals("B")) {
      return 1;
    }
    if (unit.length() == 2 && unit.charAt(1) == 'B' || unit.length() == 3 && unit.endsWith("iB")) {
      for (int u = 1; u < UNITS.length; u++) {
        if (UNITS[u].charAt(0) == unit.charAt(0)) {
          return 1L << (10 * u);
        }
      }
    }
    if (unit.isEmpty()) {
      throw new IllegalArgumentException("missing unit in size \"" + s + "\"");
    }
    throw new IllegalArgumentException(
        "unknown unit \"" + unit + "\" in size \"" + s + "\" (use B, KB, MB, GB, TB, PB or EB)");
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("not a valid size: \"" + s + "\"");
  }

  /** The size in the largest unit that divides it exactly, e.g. {@code 512MB}, {@code 0B}. */
  public static String format(long bytes) {
    if (bytes == 0) {
      return "0B";
    }
    int u = 0;
    long n = bytes;
    while (u < UNITS.length - 1 && n % 1024 == 0) {
      n /= 1024;
      u++;
    }
    return n + (u == 0 ? "B" : UNITS[u] + "B");
  }
}
