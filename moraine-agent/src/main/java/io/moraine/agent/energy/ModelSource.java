package io.moraine.agent.energy;

import java.util.ArrayList;
import java.util.List;

/**
 * Node energy from a {@link PowerModel}: power at the interval's CPU utilisation integrated over
 * the interval. Zones carry Kepler's labels for estimated energy: components on {@code
 * package="0"}, {@code other} on {@code socket0}, {@code platform} on {@code estimator0}.
 */
final class ModelSource implements EnergySource {
  /** Kepler's {@code source} label for estimated energy. */
  static final String SOURCE = "model";

  private final PowerModel model;
  private final List<Zone> zones;

  ModelSource(PowerModel model) {
    this.model = model;
    List<Zone> z = new ArrayList<>();
    for (Component c : Component.ALL) {
      String pkg =
          switch (c) {
            case OTHER -> "socket0";
            case PLATFORM -> "estimator0";
            default -> "0";
          };
      z.add(new Zone(c, pkg));
    }
    this.zones = List.copyOf(z);
  }

  @Override
  public String sourceLabel() {
    return SOURCE;
  }

  @Override
  public List<Zone> zones() {
    return zones;
  }

  @Override
  public void prime() {}

  @Override
  public void interval(double utilisation, int cores, double seconds, double[][] out) {
    double dynamicJoules = model.dynamicPowerWatts(cores, utilisation) * seconds;
    double idleJoules = model.idlePowerWatts(cores) * seconds;
    for (int i = 0; i < zones.size(); i++) {
      double f = model.split().fraction(zones.get(i).component());
      out[i][0] = f * dynamicJoules;
      out[i][1] = f * idleJoules;
    }
  }
}
