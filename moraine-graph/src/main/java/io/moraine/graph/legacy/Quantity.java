package io.moraine.graph.legacy;

/**
 * Kubernetes quantity strings ({@code 100}, {@code 1.5k}, {@code 512Mi}, {@code 250m}) as doubles.
 */
final class Quantity {
  private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String DECIMAL = "numkMGTPE";
  private static final int[] DECIMAL_EXP = {-9, -6, -3, 3, 6, 9, 12, 15, 18};

  private Quantity() {}

  /** The amount {@code raw} stands for, or NaN when it is not a quantity. */
  static double parse(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    double scale = 1;
    for (int i = 0; i < BINARY.length; i++) {
      if (s.endsWith(BINARY[i])) {
        scale = Math.pow(1024, i + 1);
        s = s.substring(0, s.length() - 2);
        break;
      }
    }
    if (scale == 1) {
      int at = DECIMAL.indexOf(s.charAt(s.length() - 1));
      if (at >= 0) {
        scale = Math.pow(10, DECIMAL_EXP[at]);
        s = s.substring(0, s.length() - 1);
      }
    }
    try {
      return Double.parseDouble(s) * scale;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
