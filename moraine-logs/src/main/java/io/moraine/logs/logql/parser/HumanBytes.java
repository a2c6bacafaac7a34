package io.moraine.logs.logql.parser;

import java.util.Locale;

/**
 * go-humanize's {@code ParseBytes} and an exact printer for byte sizes ({@code 20MB}, {@code
 * 1KiB}).
 */
final class HumanBytes {
  private HumanBytes() {}

  /** The size {@code s} names ({@code 2.5KiB} is 2560), or -1 when it is not a size. */
  static long parse(String s) {
    int digits = 0;
    while (digits < s.length()
        && (Character.isDigit(s.charAt(digits)) || s.charAt(digits) == '.')) {
      digits++;
    }
    double value;
    try {
      value = Double.parseDouble(s.substring(0, digits));
    } catch (NumberFormatException e) {
      return -1;
    }
    long mult = multiplier(s.substring(digits).trim().toLowerCase(Locale.ROOT));
    if (mult < 0) {
      return -1;
    }
    double bytes = value * mult;
    if (bytes >= 0x1p63) {
      return -1;
    }
    return (long) bytes;
  }

  private static long multiplier(String unit) {
    return switch (unit) {
      case "", "b" -> 1;
      case "kib", "ki" -> 1L << 10;
      case "kb", "k" -> 1_000L;
      case "mib", "mi" -> 1L << 20;
      case "mb", "m" -> 1_000_000L;
      case "gib", "gi" -> 1L << 30;
      case "gb", "g" -> 1_000_000_000L;
      case "tib", "ti" -> 1L << 40;
      case "tb", "t" -> 1_000_000_000_000L;
      case "pib", "pi" -> 1L << 50;
      case "pb", "p" -> 1_000_000_000_000_000L;
      case "eib", "ei" -> 1L << 60;
      case "eb", "e" -> 1_000_000_000_000_000_000L;
      default -> -1;
    };
  }

  private static final String[] BINARY = {"PiB", "TiB", "GiB", "MiB", "KiB"};
  private static final String[] DECIMAL = {"PB", "TB", "GB", "MB", "kB"};

  /** An exact size literal: the largest unit that divides {@code bytes}, else {@code B}. */
  static String format(long bytes) {
    if (bytes > 0) {
      for (int i = 0; i < BINARY.length; i++) {
        long bin = 1L << (10 * (BINARY.length - i));
        long dec = pow1000(DECIMAL.length - i);
        if (bytes % bin == 0) {
          return bytes / bin + BINARY[i];
        }
        if (bytes % dec == 0) {
          return bytes / dec + DECIMAL[i];
        }
      }
    }
    return bytes + "B";
  }

  private static long pow1000(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 1000;
    }
    return v;
  }
}
