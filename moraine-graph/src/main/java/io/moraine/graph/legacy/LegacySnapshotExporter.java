package io.moraine.graph.legacy;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.usage.UsageSource;
import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy exporter: every tick it renders the whole site with {@link LegacyRenderer} and writes
 * it as a new named graph {@code timestamp:<epoch-ms>} (the tick's {@link Clock} time) through
 * {@link GraphStore#put}, then drops {@code timestamp:} graphs older than the retention window, as
 * the original exporter and the metadata service's drop-graphs sidecar did together.
 *
 * <p>It listens to the watcher ({@link ClusterListener}): it keeps the latest {@link ClusterState}
 * and remembers pods and nodes removed between two ticks (deleted, or missing after a resync) so
 * that the next snapshot reports each once with its end, however short it lived.
 *
 * <p>Thread-safe: {@link #onChange} may be called from the watcher's thread while ticks run on the
 * exporter's own thread (after {@link #start}) or the caller's ({@link #tick}). The caller owns the
 * store and the usage source; {@link #close} stops the ticking and closes neither.
 */
public final class LegacySnapshotExporter implements ClusterListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LegacySnapshotExporter.class);
  private static final String GRAPH_PREFIX = "timestamp:";

  /**
   * How the exporter runs.
   *
   * @param tick time between snapshots (the original's Helm default: 60 s)
   * @param retention {@code timestamp:} graphs older than this are dropped (the metadata service's
   *     {@code TIME_WINDOW_MILLISECONDS}: 6 h)
   * @param render what a snapshot holds and how it is named
   */
  public record Options(Duration tick, Duration retention, LegacyOptions render) {
    public static final Options DEFAULT =
        new Options(Duration.ofSeconds(60), Duration.ofHours(6), LegacyOptions.DEFAULT);

    public Options {
      if (tick.isNegative() || tick.isZero()) {
        throw new IllegalArgumentException("legacy exporter tick must be positive, got " + tick);
      }
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException(
            "legacy exporter retention must be positive, got " + retention);
      }
      Objects.requireNonNull(render, "render");
    }
  }

  /**
   * One tick's outcome.
   *
   * @param graph the named graph written
   * @param triples the snapshot's size
   * @param dropped {@code timestamp:} graphs removed by retention
   * @param failedQueries measurement queries that failed (their values are missing)
   */
  public record Snapshot(Node graph, long triples, int dropped, int failedQueries) {}

  private final Options options;
  private final GraphStore store;
  private final UsageSource usage;
  private final Clock clock;
  private final LegacyRenderer renderer;
  private final Object lock = new Object();
  private @Nullable ClusterState current;
  private List<Record> departed = new ArrayList<>();
  private @Nullable ScheduledExecutorService ticker;

  private final AtomicLong snapshots = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong queryFailures = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lastTriples = new AtomicLong();

  public LegacySnapshotExporter(Options options, GraphStore store, UsageSource usage, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.store = Objects.requireNonNull(store, "store");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.renderer = new LegacyRenderer(options.render());
  }

  /** The named graph of the snapshot taken at {@code epochMillis}: {@code timestamp:<ms>}. */
  public static Node graphName(long epochMillis) {
    return NodeFactory.createURI(GRAPH_PREFIX + epochMillis);
  }

  /** The snapshot time of a {@code timestamp:<ms>} graph name; empty for any other name. */
  public static OptionalLong timestampOf(Node graphName) {
    if (!graphName.isURI() || !graphName.getURI().startsWith(GRAPH_PREFIX)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(graphName.getURI().substring(GRAPH_PREFIX.length())));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void onChange(ModelChange change, ClusterState now) {
    synchronized (lock) {
      switch (change) {
        case ModelChange.Removed r
            when r.last() instanceof PodInfo || r.last() instanceof NodeInfo ->
            departed.add(r.last());
        case ModelChange.Resynced r when current != null -> missing(current, r.state());
        default -> {}
      }
      current = now;
    }
  }

  /** Objects {@code before} knew that {@code after} lacks were removed while nobody watched. */
  private void missing(ClusterState before, ClusterState after) {
    addMissing(before.pods(), after.pods());
    addMissing(before.nodes(), after.nodes());
  }

  private <T extends Record> void addMissing(Map<String, T> before, Map<String, T> after) {
    before.forEach(
        (key, value) -> {
          if (!after.containsKey(key)) {
            departed.add(value);
          }
        });
  }

  /** Starts ticking every {@link Options#tick} on a daemon thread of its own. */
  public void start() {
    synchronized (lock) {
      if (ticker != null) {
        throw new IllegalStateException("legacy exporter already started");
      }
      ScheduledExecutorService s =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("legacy-graph-exporter").unstarted(r));
      long every = options.tick().toMillis();
      s.scheduleAtFixedRate(this::tickSafely, every, every, TimeUnit.MILLISECONDS);
      ticker = s;
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("legacy snapshot failed");
    }
  }

  /**
   * Takes one snapshot now: renders, writes {@code timestamp:<now>}, applies retention. Empty when
   * no cluster state has been seen yet.
   *
   * @throws RuntimeException when the store fails (counted; the removed objects stay queued for the
   *     next tick)
   */
  public Optional<Snapshot> tick() {
    long now = clock.nowMillis();
    ClusterState state;
    List<Record> gone;
    synchronized (lock) {
      state = current;
      gone = departed;
      departed = new ArrayList<>();
    }
    if (state == null) {
      return Optional.empty();
    }
    LegacyMeasurements.Result values = LegacyMeasurements.collect(usage, options.render(), now);
    queryFailures.addAndGet(values.failedQueries());
    Graph graph = renderer.render(state, gone, values.measurements(), now);
    Node name = graphName(now);
    try {
      store.put(name, graph, null);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      synchronized (lock) {
        gone.addAll(departed);
        departed = gone;
      }
      throw e;
    }
    snapshots.incrementAndGet();
    lastTriples.set(graph.size());
    int removed = dropOlderThan(now - options.retention().toMillis());
    return Optional.of(new Snapshot(name, graph.size(), removed, values.failedQueries()));
  }

  /** Deletes every {@code timestamp:} graph from before {@code cutoffMillis}; returns how many. */
  public int dropOlderThan(long cutoffMillis) {
    int n = 0;
    for (Node g : store.graphNames()) {
      OptionalLong t = timestampOf(g);
      if (t.isPresent() && t.getAsLong() < cutoffMillis && store.delete(g, null)) {
        n++;
      }
    }
    dropped.addAndGet(n);
    return n;
  }

  /** The JSON-LD a GLACIATION metadata service accepts ({@code PATCH /api/v0/graph}). */
  public String toJsonLd(Graph snapshot) {
    ClusterState state;
    synchronized (lock) {
      state = current;
    }
    String ns =
        state == null
            ? options.render().clusterNamespace()
            : renderer.clusterNamespace(state.site());
    return LegacyJsonLd.toJsonLd(
        snapshot, ns.isEmpty() ? LegacyVocabulary.DEFAULT_CLUSTER_NAMESPACE : ns);
  }

  /** Registers the exporter's counters ({@code moraine_graph_legacy_*}). */
  public void register(MetricRegistry registry) {
    registry.counter(
        "moraine_graph_legacy_snapshots_total", "Legacy snapshots written.", snapshots::get);
    registry.counter(
        "moraine_graph_legacy_snapshot_failures_total",
        "Legacy snapshots the store refused.",
        failures::get);
    registry.counter(
        "moraine_graph_legacy_query_failures_total",
        "Legacy measurement queries that failed.",
        queryFailures::get);
    registry.counter(
        "moraine_graph_legacy_graphs_dropped_total",
        "timestamp: graphs dropped by retention.",
        dropped::get);
    registry.gauge(
        "moraine_graph_legacy_last_snapshot_triples",
        "Triples in the last legacy snapshot.",
        lastTriples::get);
  }

  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (lock) {
      s = ticker;
      ticker = null;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
