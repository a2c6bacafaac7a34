package io.moraine.agent.energy;

import java.io.IOException;
import java.util.List;

/**
 * Where node energy comes from: measured RAPL counters or the power model. A source has a fixed
 * list of zones (component and package label) and reports, per interval between collections, each
 * zone's dynamic and idle joules. Not thread-safe: the collector calls it from one scrape at a
 * time.
 */
sealed interface EnergySource permits RaplSource, ModelSource {
  /** A node series: its component family and its {@code package} label. */
  record Zone(Component component, String packageLabel) {}

  /** The {@code source} label Kepler gives this source's families. */
  String sourceLabel();

  /** The zones, in a fixed order that {@link #interval} follows. */
  List<Zone> zones();

  /** Takes the first reading; no energy is reported for the time before it. */
  void prime() throws IOException;

  /**
   * The energy since the previous call (or {@link #prime}).
   *
   * @param utilisation the node's busy share of CPU time over the interval, {@code [0, 1]}
   * @param cores online CPUs
   * @param seconds the interval's length, {@code >= 0}
   * @param out receives, per zone in {@link #zones} order, {@code out[i][0]} dynamic and {@code
   *     out[i][1]} idle joules, both {@code >= 0}
   * @throws IOException when a counter cannot be read
   */
  void interval(double utilisation, int cores, double seconds, double[][] out) throws IOException;
}
