package io.moraine.graph.sites;

import io.moraine.graph.store.GraphStore;
import io.moraine.graph.usage.UsageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One site's nodes and workloads as schedulers and dashboards want them: for a window {@code
 * [start, end]}, those that existed during it (status start ≤ end, and no end time or end time ≥
 * start), each with capacity and allocatable (nodes) or requests and limits (workloads) per
 * resource, and the usage measured over exactly the window: the average and maximum of the entity's
 * telemetry PromQL ({@code avg_over_time((q)[<window>s:<step>])} at the window's end, step {@code
 * max(minStep, window / maxSteps)}). Every value carries its {@link Unit}; unknown values are null.
 *
 * <p>Reads the state graphs of the moraine profile under {@link SiteViewOptions#baseIri()} with
 * SPARQL (a few queries per question, whatever the number of entities) and evaluates two PromQL
 * queries per entity and resource through the {@link UsageSource}. A usage query that fails leaves
 * that usage null and adds a warning to the {@link Answer}; a failing SPARQL query throws (the
 * store's exceptions, e.g. {@link io.moraine.graph.store.QueryTimeoutException}).
 *
 * <p>Thread-safe; holds neither the store nor the source beyond their use (the caller closes them).
 */
public final class SiteView {
  private final SiteViewOptions options;
  private final NodeReader nodes;
  private final WorkloadReader workloads;

  public SiteView(GraphStore store, UsageSource usage, SiteViewOptions options) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(usage, "usage");
    this.options = Objects.requireNonNull(options, "options");
    Sparql sparql = new Sparql(store, options.queryTimeoutMillis());
    UsageReader usageReader = new UsageReader(sparql, usage, options);
    this.nodes = new NodeReader(sparql, usageReader, options.baseIri());
    this.workloads = new WorkloadReader(sparql, usageReader, options.baseIri());
  }

  /** The options this view was made with. */
  public SiteViewOptions options() {
    return options;
  }

  /** The site's name. */
  public String site() {
    return options.site();
  }

  /** Every node that existed during {@code w}, by name. */
  public Answer<List<NodeReport>> nodes(Window w) {
    check(w);
    List<String> warnings = new ArrayList<>();
    return new Answer<>(nodes.read(null, w, warnings), warnings);
  }

  /** The node {@code name}, or empty when no such node existed during {@code w}. */
  public Optional<Answer<NodeReport>> node(String name, Window w) {
    Objects.requireNonNull(name, "name");
    check(w);
    List<String> warnings = new ArrayList<>();
    List<NodeReport> found = nodes.read(name, w, warnings);
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(new Answer<>(found.getFirst(), warnings));
  }

  /**
   * Every top-level workload that existed during {@code w} (not the ReplicaSets of a Deployment nor
   * the Jobs of a CronJob), by namespace, kind and name.
   */
  public Answer<List<WorkloadReport>> workloads(Window w) {
    check(w);
    List<String> warnings = new ArrayList<>();
    return new Answer<>(workloads.read(null, null, w, warnings), warnings);
  }

  /**
   * The workload {@code namespace/name} of any kind, or empty when none existed during {@code w}.
   * When several kinds share the name, the first of Deployment, StatefulSet, DaemonSet, CronJob,
   * Job, ReplicaSet.
   */
  public Optional<Answer<WorkloadReport>> workload(String namespace, String name, Window w) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    check(w);
    List<String> warnings = new ArrayList<>();
    List<WorkloadReport> found = workloads.read(namespace, name, w, warnings);
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(new Answer<>(found.getFirst(), warnings));
  }

  /**
   * Refuses a window longer than {@link SiteViewOptions#maxWindow()}.
   *
   * @throws WindowException naming the limit
   */
  public void check(Window w) {
    if (w.length().compareTo(options.maxWindow()) > 0) {
      throw new WindowException(
          "window of "
              + w.millis() / 1000
              + "s is longer than the maximum of "
              + options.maxWindow().toSeconds()
              + "s");
    }
  }
}
