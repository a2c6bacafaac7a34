package io.moraine.core.time;

/** Prometheus durations: {@code 1y2w3d4h5m6s7ms}, units in descending order, each at most once. */
public final class Durations {
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
  };

  private Durations() {}

  /**
   * Parses a duration to milliseconds.
   *
   * @throws IllegalArgumentException naming the input when it is not a valid duration
   */
  public static long parseMillis(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    if (s.equals("0")) {
      return 0;
    }
    long total = 0;
    int i = 0;
    int lastUnit = -1;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start || i - start > 18) {
        throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
      }
      long n = Long.parseLong(s, start, i, 10);
      int unit = -1;
      for (int u = 0; u < UNITS.length; u++) {
        if (s.startsWith(UNITS[u], i)
            && !(UNITS[u].equals("m") && s.startsWith("ms", i))
            && u > lastUnit) {
          unit = u;
          break;
        }
      }
      if (unit < 0) {
        throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
      }
      i += UNITS[unit].length();
      lastUnit = unit;
      total = Math.addExact(total, Math.multiplyExact(n, MILLIS[unit]));
    }
    return total;
  }

  /**
   * Formats milliseconds as Prometheus's {@code model.Duration} prints them: {@code 1h30m}, {@code
   * 2w}, {@code 0s}; years and weeks only when they divide the rest exactly ({@code 8d}, not {@code
   * 1w1d}).
   */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long rest = millis;
    if (rest < 0) {
      sb.append('-');
      rest = -rest;
    }
    for (int u = 0; u < UNITS.length; u++) {
      if (u < 2 && rest % MILLIS[u] != 0) {
        continue; // y and w: only whole multiples, as model.Duration
      }
      long n = rest / MILLIS[u];
      if (n > 0) {
        sb.append(n).append(UNITS[u]);
        rest -= n * MILLIS[u];
      }
    }
    return sb.toString();
  }
}
