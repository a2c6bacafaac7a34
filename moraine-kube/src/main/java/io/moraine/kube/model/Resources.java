package io.moraine.kube.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Amounts per Kubernetes resource name ({@code cpu} in cores, {@code memory} and {@code
 * ephemeral-storage} in bytes, {@code nvidia.com/gpu} and {@code pods} as counts, any other name as
 * its quantity's number), sorted by name.
 */
public record Resources(Map<String, Double> amounts) {
  public static final Resources NONE = new Resources(Map.of());

  public Resources {
    amounts = java.util.Collections.unmodifiableMap(new TreeMap<>(amounts));
  }

  /** The amount of {@code resource}, or NaN when absent. */
  public double get(String resource) {
    Double v = amounts.get(resource);
    return v == null ? Double.NaN : v;
  }

  public boolean isEmpty() {
    return amounts.isEmpty();
  }
}
