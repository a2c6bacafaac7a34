package io.moraine.testkit.data;

/** The error function, which the JDK lacks; used to place histogram counts on bucket bounds. */
final class Erf {
  private Erf() {}

  /**
   * erf(x) by Abramowitz and Stegun 7.1.26; absolute error below 1.5e-7, plenty for synthetic
   * bucket shares.
   */
  static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double y = 1 - poly * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
