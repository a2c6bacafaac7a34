package io.moraine.graph.sites;

import org.jspecify.annotations.Nullable;

/**
 * The six resources a site reports, with the unit of their amounts (capacity, allocatable,
 * requests, limits) and of their usage, and where the graph keeps them. GPU amounts are devices,
 * GPU usage is utilisation in percent; network capacity is the NIC speed in bytes per second.
 */
public enum Resource {
  CPU("cpu", Unit.CORES, Unit.CORES, "cpu"),
  MEMORY("memory", Unit.BYTES, Unit.BYTES, "memory"),
  STORAGE("storage", Unit.BYTES, Unit.BYTES, "disk"),
  NETWORK("network", Unit.BYTES_PER_SECOND, Unit.BYTES_PER_SECOND, "network"),
  ENERGY("energy", Unit.WATTS, Unit.WATTS, "energy"),
  GPU("gpu", Unit.COUNT, Unit.PERCENT, "gpu");

  private final String wireName;
  private final Unit amountUnit;
  private final Unit usageUnit;
  private final String metric;

  Resource(String wireName, Unit amountUnit, Unit usageUnit, String metric) {
    this.wireName = wireName;
    this.amountUnit = amountUnit;
    this.usageUnit = usageUnit;
    this.metric = metric;
  }

  /** The key in JSON ({@code cpu}, {@code memory}...). */
  public String wireName() {
    return wireName;
  }

  /** The unit of capacity, allocatable, requests and limits. */
  public Unit amountUnit() {
    return amountUnit;
  }

  /** The unit usage is reported in. */
  public Unit usageUnit() {
    return usageUnit;
  }

  /** The resource a telemetry metric ({@code mor:name} of a {@code mor:Metric}) measures. */
  static @Nullable Resource ofMetric(String name) {
    for (Resource r : values()) {
      if (r.metric.equals(name)) {
        return r;
      }
    }
    return null;
  }

  /**
   * The resource a Kubernetes resource name counts ({@code cpu}, {@code memory}, {@code
   * ephemeral-storage}, {@code <vendor>/gpu}), or null for the others (pods, hugepages...).
   */
  static @Nullable Resource ofKubernetes(String name) {
    return switch (name) {
      case "cpu" -> CPU;
      case "memory" -> MEMORY;
      case "ephemeral-storage" -> STORAGE;
      default -> name.endsWith("/gpu") ? GPU : null;
    };
  }
}
