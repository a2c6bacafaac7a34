package io.moraine.graph.sites;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One workload as it was during a window.
 *
 * @param namespace its namespace
 * @param name its name
 * @param kind {@code Deployment}, {@code StatefulSet}, {@code DaemonSet}, {@code Job}, {@code
 *     CronJob} or {@code ReplicaSet}
 * @param id its subgraph id ({@code workload/<ns>/<kind>/<name>})
 * @param iri the workload's IRI
 * @param status its last known phase ({@code Running}, {@code Stopped}, {@code Succeeded}...)
 * @param start when it started (created)
 * @param end when it completed or was deleted, or null while it runs
 * @param runsOn the nodes its pods ran on during the window, by node name
 * @param resources per resource (all six, in {@link Resource} order); requests and limits are per
 *     pod, as Kubernetes counts them
 */
public record WorkloadReport(
    String namespace,
    String name,
    String kind,
    String id,
    String iri,
    String status,
    @Nullable Instant start,
    @Nullable Instant end,
    List<RunsOn> runsOn,
    Map<Resource, Figures> resources) {

  public WorkloadReport {
    Objects.requireNonNull(name, "name");
    runsOn = List.copyOf(runsOn);
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
   * One resource of a workload.
   *
   * @param demanded its request (soft constraint), null when not set
   * @param limits its limit (hard constraint), null when not set
   * @param used the window's average and maximum over all its pods
   */
  public record Figures(Amount demanded, Amount limits, Usage used) {}
}
