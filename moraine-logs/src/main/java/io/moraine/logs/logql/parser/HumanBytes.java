package io.moraine.logs.logql.parser;

import io.moraine.logs.logql.units.UnitParseException;

/**
 * Byte sizes in LogQL text: the lexer's test for a size ({@link
 * io.moraine.logs.logql.units.HumanBytes} reads it) and an exact printer ({@code 20MB}, {@code
 * 1KiB}).
 */
final class HumanBytes {
  private HumanBytes() {}

  /** The size {@code s} names ({@code 2.5KiB} is 2560), or -1 when it is not a size. */
  static long parse(String s) {
    try {
      return io.moraine.logs.logql.units.HumanBytes.parse(s);
    } catch (UnitParseException e) {
      return -1;
    }
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
