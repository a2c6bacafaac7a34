package io.moraine.graph.sites;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One node as it was during a window. Strings are empty when the graph does not say.
 *
 * @param name the Kubernetes node name
 * @param id its subgraph id ({@code node/<name>})
 * @param iri the node's IRI
 * @param status {@code Ready}, {@code NotReady} or {@code Unknown} (last known)
 * @param created when the node object was created
 * @param since the start time of its status (the Ready condition's last transition)
 * @param end when it was removed, or null while it exists
 * @param ready the Ready condition, or null when unknown
 * @param conditions every condition type to its status ({@code True}, {@code False}, {@code
 *     Unknown})
 * @param resources per resource (all six, in {@link Resource} order)
 */
public record NodeReport(
    String name,
    String id,
    String iri,
    String status,
    @Nullable Instant created,
    @Nullable Instant since,
    @Nullable Instant end,
    String architecture,
    String kernel,
    String operatingSystem,
    String osImage,
    String gpuModel,
    @Nullable Boolean ready,
    Map<String, String> conditions,
    Map<Resource, Figures> resources) {

  public NodeReport {
    Objects.requireNonNull(name, "name");
    conditions = Map.copyOf(conditions);
    resources = Map.copyOf(resources);
    if (resources.size() != Resource.values().length) {
      throw new IllegalArgumentException("every resource needs its figures: " + resources.keySet());
    }
  }

  /** The figures of {@code r} (every resource has them). */
  public Figures resource(Resource r) {
    return Objects.requireNonNull(resources.get(r), "BUG: no figures for " + r);
  }

  /**
   * One resource of a node: what it has, what pods may ask for, what was used.
   *
   * @param capacity the node's total (network: the NIC speed)
   * @param allocatable what the scheduler may hand to pods
   * @param used the window's average and maximum
   */
  public record Figures(Amount capacity, Amount allocatable, Usage used) {}
}
