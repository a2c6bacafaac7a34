package io.moraine.logs.logql.units;

import java.util.Locale;

/** go-humanize's {@code ParseBytes}: {@code 42}, {@code 5MiB}, {@code 2 KB}, {@code 1,024 kb}. */
public final class HumanBytes {
  private HumanBytes() {}

  /**
   * Parses a humanized size into bytes: SI units (kB = 1000) and IEC units (KiB = 1024), any case,
   * optional space, commas in the number ignored, single-letter forms ({@code k}, {@code mi}).
   *
   * @throws UnitParseException with go-humanize's message ({@code unhandled size name: xb}) or
   *     ParseFloat's for a bad number
   */
  public static long parse(String s) {
    int digits = 0;
    boolean comma = false;
    while (digits < s.length()) {
      char c = s.charAt(digits);
      if (!(Character.isDigit(c) || c == '.' || c == ',')) {
        break;
      }
      comma |= c == ',';
      digits++;
    }
    String num = s.substring(0, digits);
    if (comma) {
      num = num.replace(",", "");
    }
    double f = GoFloat.parse(num);
    String extra = s.substring(digits).strip().toLowerCase(Locale.ROOT);
    long mult = multiplier(extra);
    if (mult == 0) {
      throw new UnitParseException("unhandled size name: " + extra);
    }
    double v = f * mult;
    if (v >= 0x1p64) {
      throw new UnitParseException("too large: " + s);
    }
    return v >= 0x1p63 ? Long.MAX_VALUE : (long) v;
  }

  private static long multiplier(String unit) {
    return switch (unit) {
      case "", "b" -> 1L;
      case "k", "kb" -> 1_000L;
      case "m", "mb" -> 1_000_000L;
      case "g", "gb" -> 1_000_000_000L;
      case "t", "tb" -> 1_000_000_000_000L;
      case "p", "pb" -> 1_000_000_000_000_000L;
      case "e", "eb" -> 1_000_000_000_000_000_000L;
      case "ki", "kib" -> 1L << 10;
      case "mi", "mib" -> 1L << 20;
      case "gi", "gib" -> 1L << 30;
      case "ti", "tib" -> 1L << 40;
      case "pi", "pib" -> 1L << 50;
      case "ei", "eib" -> 1L << 60;
      default -> 0L;
    };
  }
}
