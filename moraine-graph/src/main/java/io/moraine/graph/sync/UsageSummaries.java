package io.moraine.graph.sync;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.graph.render.GraphRenderer;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.usage.UsageSource;
import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the window summaries of usage (avg, max and p95 over {@link
 * UsageSummariesOptions#window}) of every live workload, pod and node on a schedule. Each object's
 * summaries live in its usage graph as {@code glc:AggregatedMeasurement}s with stable IRIs, linked
 * from the entity ({@code glc:hasResourceMeasurement} for nodes, {@code
 * glc:hasTaskRealizedMeasurement} for workloads and pods), with the PromQL as provenance ({@code
 * mor:promql}); a refresh writes only what changed, in one store transaction. A failing expression
 * is logged and counted, and that summary keeps its old value.
 *
 * <p>It learns the site's state as a {@link ClusterListener} (remembering only the newest state).
 * Thread-safe; {@link #refresh} runs one pass at a time. Owns its scheduler thread ({@link #close}
 * stops it), not the renderer, store or source.
 */
public final class UsageSummaries implements ClusterListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UsageSummaries.class);

  private final GraphRenderer renderer;
  private final GraphStore store;
  private final UsageSource source;
  private final UsageSummariesOptions options;
  private final Counter refreshes;
  private final Counter refreshFailures;
  private final Counter evaluations;
  private final Counter failedEvaluations;
  private final Counter triplesChanged;
  private final ScheduledExecutorService scheduler;
  private volatile @Nullable ClusterState latest;

  /** One object's summaries as evaluated, before they meet the store. */
  private record Pass(Node graph, Node entity, Node link, Graph fresh, List<Summary> kept) {}

  public UsageSummaries(
      GraphRenderer renderer,
      GraphStore store,
      UsageSource source,
      MetricRegistry registry,
      UsageSummariesOptions options) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.store = Objects.requireNonNull(store, "store");
    this.source = Objects.requireNonNull(source, "source");
    this.options = Objects.requireNonNull(options, "options");
    this.refreshes =
        registry.counter("moraine_graph_usage_refreshes_total", "Usage summary passes.").labels();
    this.refreshFailures =
        registry
            .counter(
                "moraine_graph_usage_refresh_failures_total",
                "Usage summary passes that failed to write (kept for the next pass).")
            .labels();
    this.evaluations =
        registry
            .counter("moraine_graph_usage_evaluations_total", "Summary PromQL expressions run.")
            .labels();
    this.failedEvaluations =
        registry
            .counter(
                "moraine_graph_usage_evaluation_failures_total",
                "Summary expressions that failed or gave more than one sample (old value kept).")
            .labels();
    this.triplesChanged =
        registry
            .counter("moraine_graph_usage_quads_changed_total", "Quads the summary deltas changed.")
            .labels();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("moraine-graph-usage").daemon(true).factory());
  }

  /** Schedules a refresh every {@link UsageSummariesOptions#refreshInterval}, the first one now. */
  public void start() {
    long every = options.refreshInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onChange(ModelChange change, ClusterState now) {
    latest = now;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      refreshFailures.inc();
      LOG.atError().setCause(e).log("usage summary refresh failed");
    }
  }

  /**
   * One pass at the clock's time over the newest state; returns the quads it changed.
   *
   * @throws RuntimeException what the store throws (nothing was written)
   */
  public synchronized long refresh() {
    ClusterState state = latest;
    refreshes.inc();
    if (state == null) {
      return 0;
    }
    Instant now = Instant.ofEpochMilli(options.clock().nowMillis());
    List<Pass> passes = new ArrayList<>();
    for (ObjectRef ref : live(state)) {
      List<GraphRenderer.Telemetry> metrics = renderer.telemetry(ref, state);
      if (!metrics.isEmpty()) {
        passes.add(evaluate(ref, metrics, now));
      }
    }
    List<GraphStore.Delta> deltas = new ArrayList<>();
    store.read(
        dsg -> {
          for (Pass p : passes) {
            Graph current = dsg.getGraph(p.graph());
            for (Summary kept : p.kept()) {
              keep(current, p, kept);
            }
            GraphStore.Delta d = Diff.of(p.graph(), current, p.fresh());
            if (d != null) {
              deltas.add(d);
            }
          }
        });
    long changed = deltas.isEmpty() ? 0 : store.apply(deltas);
    triplesChanged.add(changed);
    return changed;
  }

  private Pass evaluate(ObjectRef ref, List<GraphRenderer.Telemetry> metrics, Instant now) {
    Node entity = renderer.entity(ref);
    Node link =
        ref.kind().equals("Node")
            ? Vocab.HAS_RESOURCE_MEASUREMENT
            : Vocab.HAS_TASK_REALIZED_MEASUREMENT;
    Graph fresh = GraphFactory.createDefaultGraph();
    List<Summary> kept = new ArrayList<>();
    for (Summary s : Summary.of(entity, metrics, options.window(), options.step())) {
      evaluations.inc();
      try {
        List<UsageSource.Sample> result = source.instant(s.promql(), now);
        if (result.size() > 1) {
          throw new UsageSource.UsageException(
              result.size() + " samples where one was expected (the telemetry is not aggregated)");
        }
        if (result.size() == 1) {
          s.write(
              fresh,
              entity,
              link,
              result.getFirst().value(),
              now,
              options.window(),
              options.step());
        }
        // No sample: no data in the window, so no summary either.
      } catch (UsageSource.UsageException | RuntimeException e) {
        failedEvaluations.inc();
        kept.add(s);
        LOG.atWarn()
            .addKeyValue("object", ref.key())
            .addKeyValue("promql", s.promql())
            .addKeyValue("error", e.getMessage())
            .log("usage summary expression failed; keeping the previous value");
      }
    }
    return new Pass(renderer.usageGraph(ref), entity, link, fresh, kept);
  }

  /** Copies a summary's current triples (if any) into the pass, so the delta leaves them be. */
  private static void keep(Graph current, Pass p, Summary s) {
    if (current.contains(p.entity(), p.link(), s.node())) {
      p.fresh().add(p.entity(), p.link(), s.node());
    }
    current.find(s.node(), Node.ANY, Node.ANY).forEachRemaining(p.fresh()::add);
  }

  private static List<ObjectRef> live(ClusterState s) {
    List<ObjectRef> out = new ArrayList<>();
    for (NodeInfo n : s.nodes().values()) {
      if (n.deletedAt() == null) {
        out.add(n.ref());
      }
    }
    for (WorkloadInfo w : s.workloads().values()) {
      if (w.deletedAt() == null && w.completedAt() == null) {
        out.add(w.ref());
      }
    }
    for (PodInfo p : s.pods().values()) {
      if (!p.terminal()) {
        out.add(p.ref());
      }
    }
    return out;
  }

  /** Stops the schedule, waiting up to 10 s for a pass under way. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
