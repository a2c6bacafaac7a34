package io.moraine.agent.energy;

/**
 * How a modelled node's power divides into Kepler's components, as fractions of the whole node
 * ({@code platform}). {@code core} and {@code uncore} are parts of {@code package}; {@code other}
 * (fans, disks, network, power-supply losses) is {@code 1 - package - dram}. The same fractions
 * apply to idle and dynamic power.
 *
 * @param packageFraction the CPU package (socket or SoC), {@code [0, 1]}
 * @param coreFraction the cores inside the package
 * @param uncoreFraction the rest of the package that RAPL reports as uncore (caches, integrated
 *     GPU)
 * @param dramFraction memory, outside the package
 */
public record ComponentSplit(
    double packageFraction, double coreFraction, double uncoreFraction, double dramFraction) {
  private static final double SLACK = 1e-12;

  /**
   * @throws IllegalArgumentException when a fraction is outside {@code [0, 1]}, core and uncore
   *     exceed the package, or package and dram exceed the node
   */
  public ComponentSplit {
    check("packageFraction", packageFraction);
    check("coreFraction", coreFraction);
    check("uncoreFraction", uncoreFraction);
    check("dramFraction", dramFraction);
    if (coreFraction + uncoreFraction > packageFraction + SLACK) {
      throw new IllegalArgumentException(
          "coreFraction + uncoreFraction ("
              + (coreFraction + uncoreFraction)
              + ") exceeds packageFraction ("
              + packageFraction
              + ")");
    }
    if (packageFraction + dramFraction > 1 + SLACK) {
      throw new IllegalArgumentException(
          "packageFraction + dramFraction (" + (packageFraction + dramFraction) + ") exceeds 1");
    }
  }

  private static void check(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
  }

  /** The fraction of the node's power that {@code c} takes. */
  double fraction(Component c) {
    return switch (c) {
      case PACKAGE -> packageFraction;
      case CORE -> coreFraction;
      case UNCORE -> uncoreFraction;
      case DRAM -> dramFraction;
      case OTHER -> Math.max(0, 1 - packageFraction - dramFraction);
      case PLATFORM -> 1;
    };
  }
}
