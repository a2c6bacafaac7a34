package io.moraine.graph.sync;

import static io.moraine.graph.sync.FakeCluster.deleted;
import static io.moraine.graph.sync.FakeCluster.phase;
import static io.moraine.graph.sync.FakeCluster.pod;
import static io.moraine.graph.sync.FakeCluster.workload;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.graph.render.GraphRenderer;
import io.moraine.graph.store.GraphStore;
import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent.Type;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Figures tool, not run by the build: drives N workload starts and stops (a Deployment, its
 * ReplicaSet and one pod each; {@value #LIVE} running at a time) through a renderer and a store,
 * either as deltas ({@link GraphSync}) or as the GLACIATION baseline (every tick, all current
 * objects rendered into one new named graph). Reports triples written per change, the store's quads
 * and bytes on disk afterwards, and p50/p99 time from a change to its commit.
 *
 * <p>{@link #run} takes the real renderer and store at integration; {@link #main} runs with the
 * test renderer and the in-memory store: {@code ./mvnw -o -q -pl moraine-graph test-compile
 * dependency:build-classpath -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test}, then {@code java
 * -cp moraine-graph/target/test-classes:moraine-graph/target/classes:$(cat /tmp/cp)
 * io.moraine.graph.sync.GraphChurnBench 10000 [delta|snapshot]}.
 */
public final class GraphChurnBench {
  static final int LIVE = 50;

  /**
   * The pause between two workloads' starts (10 changes): 1,000 changes/s, a busy cluster's rate;
   * without it the figure measures the writer's backlog, not its latency.
   */
  static final Duration PACE = Duration.ofMillis(10);

  /** Delta (the sync) or the full-snapshot baseline. */
  public enum Mode {
    DELTA,
    SNAPSHOT
  }

  /** One run's figures. */
  public record Result(
      Mode mode,
      int workloads,
      long changes,
      long triplesWritten,
      long quads,
      long diskBytes,
      double p50Millis,
      double p99Millis) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s: %d starts/stops, %d changes, %.1f triples written per change, store %d quads,"
              + " %d bytes on disk, change to commit p50 %.2f ms p99 %.2f ms",
          mode,
          workloads,
          changes,
          (double) triplesWritten / changes,
          quads,
          diskBytes,
          p50Millis,
          p99Millis);
    }
  }

  private GraphChurnBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    List<Mode> modes =
        args.length > 1
            ? List.of(Mode.valueOf(args[1].toUpperCase(Locale.ROOT)))
            : List.of(Mode.DELTA, Mode.SNAPSHOT);
    for (Mode mode : modes) {
      try (MemGraphStore store = new MemGraphStore()) {
        long t0 = System.nanoTime();
        Result r = run(new TestRenderer("bench"), store, mode, n, 10, PACE);
        System.out.printf(Locale.ROOT, "%s (%.1f s)%n", r, (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /**
   * Runs {@code n} starts and stops against {@code store} (which the caller owns and closes).
   *
   * @param changesPerTick the baseline's tick, in changes (one workload's cycle is 10 changes)
   * @param pace the pause between two workloads' starts (zero: as fast as possible)
   */
  public static Result run(
      GraphRenderer renderer, GraphStore store, Mode mode, int n, int changesPerTick, Duration pace)
      throws InterruptedException {
    long[] lags = new long[n * 10 + 16];
    int[] count = {0};
    long[] written = {0};
    LongConsumer lag =
        l -> {
          if (count[0] == lags.length) {
            return;
          }
          lags[count[0]++] = l;
        };
    long changes;
    if (mode == Mode.DELTA) {
      GraphSyncOptions o = GraphSyncOptions.DEFAULT.withMaxBatchDelay(Duration.ofMillis(50));
      try (GraphSync sync =
          GraphSync.start(
              renderer,
              store,
              new MetricRegistry(),
              o,
              c -> {
                written[0] += c.adds() + c.deletes();
                c.lagNanos().forEach(lag::accept);
              })) {
        changes = drive(new FakeCluster(sync), n, pace);
        sync.awaitIdle(Duration.ofMinutes(10));
      }
    } else {
      Snapshots snapshots = new Snapshots(renderer, store, changesPerTick, lag, written);
      changes = drive(new FakeCluster(snapshots), n, pace);
      snapshots.flush();
    }
    long[] sorted = Arrays.copyOf(lags, count[0]);
    Arrays.sort(sorted);
    GraphStore.Stats stats = store.stats();
    return new Result(
        mode,
        n,
        changes,
        written[0],
        stats.quads(),
        stats.diskBytes(),
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6);
  }

  private static double percentile(long[] sorted, double q) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }

  /** N start/stop cycles, {@value #LIVE} running at once; returns the changes sent. */
  private static long drive(FakeCluster cluster, int n, Duration pace) throws InterruptedException {
    Instant t = Instant.parse("2025-03-01T00:00:00Z");
    cluster.upsert(FakeCluster.node("n1", "True", t));
    long changes = 1;
    List<Object[]> running = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!pace.isZero()) {
        Thread.sleep(pace);
      }
      t = t.plusSeconds(1);
      WorkloadInfo d = workload("Deployment", "bench", "w" + i, null, t);
      WorkloadInfo rs = workload("ReplicaSet", "bench", "w" + i + "-rs", d.ref(), t);
      PodInfo p = pod("bench", "w" + i + "-rs-p", rs.ref(), d.ref(), "n1", t);
      cluster.upsert(d);
      cluster.upsert(rs);
      cluster.upsert(p);
      PodInfo run = phase(p, "Running", t, null);
      cluster.upsert(run);
      cluster.lifecycle(p.ref(), Type.STARTED, t, "");
      cluster.lifecycle(d.ref(), Type.STARTED, t, "");
      changes += 6;
      running.add(new Object[] {d, rs, run});
      if (running.size() > LIVE || i == n - 1) {
        changes += stopOldest(cluster, running, t);
      }
    }
    while (!running.isEmpty()) {
      changes += stopOldest(cluster, running, t);
    }
    return changes;
  }

  private static long stopOldest(FakeCluster cluster, List<Object[]> running, Instant t) {
    Object[] w = running.removeFirst();
    WorkloadInfo d = (WorkloadInfo) w[0];
    PodInfo p = (PodInfo) w[2];
    cluster.remove(deleted(d, t));
    cluster.lifecycle(d.ref(), Type.STOPPED, t, "Deleted");
    cluster.remove(deleted((WorkloadInfo) w[1], t));
    cluster.remove(phase(p, "Running", p.startedAt(), t));
    return 4;
  }

  /** The baseline: every tick, everything current (and what went since) as one new graph. */
  private static final class Snapshots implements ClusterListener {
    private final GraphRenderer renderer;
    private final GraphStore store;
    private final int changesPerTick;
    private final LongConsumer lag;
    private final long[] written;
    private final List<Long> waiting = new ArrayList<>();
    private final List<Record> gone = new ArrayList<>();
    private ClusterState latest =
        new ClusterState(
            new io.moraine.kube.model.SiteInfo("bench", "config", ""),
            java.util.Map.of(),
            java.util.Map.of(),
            java.util.Map.of(),
            java.util.Map.of(),
            java.util.Map.of());
    private long tick;

    Snapshots(
        GraphRenderer renderer,
        GraphStore store,
        int changesPerTick,
        LongConsumer lag,
        long[] written) {
      this.renderer = renderer;
      this.store = store;
      this.changesPerTick = changesPerTick;
      this.lag = lag;
      this.written = written;
    }

    @Override
    public void onChange(ModelChange change, ClusterState now) {
      waiting.add(Clock.SYSTEM.nanoTime());
      latest = now;
      if (change instanceof ModelChange.Removed r) {
        gone.add(r.last());
      }
      if (waiting.size() >= changesPerTick) {
        flush();
      }
    }

    void flush() {
      if (waiting.isEmpty()) {
        return;
      }
      Graph all = GraphFactory.createDefaultGraph();
      List<Record> objects = new ArrayList<>(gone);
      objects.addAll(latest.nodes().values());
      objects.addAll(latest.workloads().values());
      objects.addAll(latest.pods().values());
      for (Record r : objects) {
        renderer.render(r, latest).values().forEach(g -> GraphUtil.addInto(all, g));
      }
      renderer.renderSite(latest).values().forEach(g -> GraphUtil.addInto(all, g));
      store.put(NodeFactory.createURI("timestamp:" + tick++), all, null);
      written[0] += all.size();
      long done = Clock.SYSTEM.nanoTime();
      waiting.forEach(w -> lag.accept(done - w));
      waiting.clear();
      gone.clear();
    }
  }
}
