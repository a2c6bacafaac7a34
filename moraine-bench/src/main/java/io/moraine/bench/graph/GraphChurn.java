package io.moraine.bench.graph;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.graph.render.MoraineRenderer;
import io.moraine.graph.render.RenderOptions;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.StoreOptions;
import io.moraine.graph.store.Tdb2GraphStore;
import io.moraine.graph.sync.GraphSync;
import io.moraine.graph.sync.GraphSyncOptions;
import io.moraine.kube.model.LifecycleEvent.Type;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;

/**
 * Triples written per change and store size after {@code n} workload starts and stops, the delta
 * sync against the GLACIATION baseline, both over the real renderer and a TDB2 store in a fresh
 * temporary directory. A cycle is one Deployment with its ReplicaSet and one pod (created, the pod
 * running, started events; then deleted, stopped event): 10 model changes. Simulated time advances
 * one second per start, {@value #LIVE} workloads alive at once.
 *
 * <ul>
 *   <li>{@code delta}: the changes go to {@link GraphSync} (default options), which writes the
 *       difference of each batch in one transaction.
 *   <li>{@code snapshot}: every {@value #TICK_SECONDS} s of simulated time everything current (plus
 *       what went since the last tick) is rendered into one new named graph, as GLACIATION's
 *       exporter did; nothing is deleted (its metadata service kept six hours of them).
 * </ul>
 *
 * <p>Sizes are {@code du} of the store directory after the run, and again after a TDB2 compaction
 * (what {@code io.moraine.graph.retention} schedules); the run's seconds exclude the compaction.
 *
 * <p>Run: {@code java -cp moraine-bench/target/benchmarks.jar io.moraine.bench.graph.GraphChurn
 * [n=10000] [delta|snapshot|both] [paceMicros=10000]}. The delta run sleeps {@code paceMicros}
 * between two starts (10,000: 1,000 changes/s, a busy cluster's rate; without a pace the lag
 * measures the writer's backlog); the baseline runs unpaced (its lag is the tick by design).
 */
public final class GraphChurn {
  static final int LIVE = 50;
  static final int TICK_SECONDS = 10;

  private GraphChurn() {}

  /** One run's figures. */
  record Result(
      String mode,
      int workloads,
      long changes,
      long triplesWritten,
      long quads,
      long graphs,
      long duBytes,
      long apparentBytes,
      long duCompactedBytes,
      double p50Millis,
      double p99Millis,
      double seconds) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-8s %d starts+stops, %d changes, %d triples written (%.1f per change), store %d quads in"
              + " %d graphs, du %.1f MiB (apparent %.1f MiB; %.1f MiB after compaction), change to"
              + " commit p50 %.1f ms p99 %.1f ms, %.0f s",
          mode,
          workloads,
          changes,
          triplesWritten,
          (double) triplesWritten / changes,
          quads,
          graphs,
          duBytes / 1048576.0,
          apparentBytes / 1048576.0,
          duCompactedBytes / 1048576.0,
          p50Millis,
          p99Millis,
          seconds);
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String which = args.length > 1 ? args[1] : "both";
    Duration pace = Duration.ofNanos(1000L * (args.length > 2 ? Long.parseLong(args[2]) : 10_000));
    PrintStream out = System.out;
    for (String mode :
        which.equals("both") ? new String[] {"delta", "snapshot"} : new String[] {which}) {
      out.println(run(mode, n, pace));
    }
  }

  static Result run(String mode, int n, Duration pace) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("moraine-churn-");
    MoraineRenderer renderer =
        new MoraineRenderer(RenderOptions.defaults(ChurnCluster.SITE.name()));
    long t0 = System.nanoTime();
    long[] written = {0};
    long[] lags = new long[n * 10 + 16];
    int[] lagCount = {0};
    long changes;
    try (Tdb2GraphStore store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT)) {
      if (mode.equals("delta")) {
        try (GraphSync sync =
            GraphSync.start(
                renderer,
                store,
                new MetricRegistry(),
                GraphSyncOptions.DEFAULT,
                c -> {
                  written[0] += c.adds() + c.deletes();
                  for (long l : c.lagNanos()) {
                    if (lagCount[0] < lags.length) {
                      lags[lagCount[0]++] = l;
                    }
                  }
                })) {
          changes = drive(new ChurnCluster(sync), n, pace, t -> {});
          if (!sync.awaitIdle(Duration.ofMinutes(30))) {
            throw new IllegalStateException("graph sync did not finish");
          }
        }
      } else if (mode.equals("snapshot")) {
        Snapshots snapshots = new Snapshots(renderer, store, TICK_SECONDS);
        ChurnCluster cluster = new ChurnCluster(snapshots);
        snapshots.cluster = cluster;
        changes = drive(cluster, n, Duration.ZERO, snapshots::advanceTo);
        snapshots.flush();
        written[0] = snapshots.written;
      } else {
        throw new IllegalArgumentException("mode must be delta, snapshot or both: " + mode);
      }
      GraphStore.Stats stats = store.stats();
      long[] sorted = Arrays.copyOf(lags, lagCount[0]);
      Arrays.sort(sorted);
      long du = DiskUsage.of(dir);
      long elapsedNanos = System.nanoTime() - t0;
      store.compact();
      long compacted = DiskUsage.of(dir);
      return new Result(
          mode,
          n,
          changes,
          written[0],
          stats.quads(),
          stats.graphs(),
          du,
          stats.diskBytes(),
          compacted,
          percentile(sorted, 0.50) / 1e6,
          percentile(sorted, 0.99) / 1e6,
          elapsedNanos / 1e9);
    } finally {
      DiskUsage.delete(dir);
    }
  }

  static double percentile(long[] sorted, double q) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  }

  /** Simulated time, told to the baseline after each step. */
  interface Ticker {
    void advanceTo(Instant t);
  }

  private record Live(WorkloadInfo deployment, WorkloadInfo replicaSet, PodInfo pod) {}

  /** {@code n} start/stop cycles, {@value #LIVE} alive at once; returns the changes made. */
  private static long drive(ChurnCluster cluster, int n, Duration pace, Ticker ticker)
      throws InterruptedException {
    Instant t = Instant.parse("2025-03-01T00:00:00Z");
    cluster.upsert(ChurnCluster.node("n1", t));
    long changes = 1;
    Deque<Live> running = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (!pace.isZero()) {
        Thread.sleep(pace);
      }
      t = t.plusSeconds(1);
      String name = "w" + i;
      WorkloadInfo d = ChurnCluster.workload("Deployment", "bench", name, null, t);
      WorkloadInfo rs =
          ChurnCluster.workload("ReplicaSet", "bench", name + "-5d4f8c7b9", d.ref(), t);
      PodInfo p = ChurnCluster.pod("bench", rs.ref().name() + "-x2k9q", rs.ref(), d.ref(), "n1", t);
      cluster.upsert(d);
      cluster.upsert(rs);
      cluster.upsert(p);
      PodInfo run = ChurnCluster.phase(p, "Running", t, null);
      cluster.upsert(run);
      cluster.lifecycle(p.ref(), Type.STARTED, t, "");
      cluster.lifecycle(d.ref(), Type.STARTED, t, "");
      changes += 6;
      running.addLast(new Live(d, rs, run));
      if (running.size() > LIVE) {
        changes += stop(cluster, running.removeFirst(), t);
      }
      ticker.advanceTo(t);
    }
    while (!running.isEmpty()) {
      changes += stop(cluster, running.removeFirst(), t);
    }
    ticker.advanceTo(t.plusSeconds(TICK_SECONDS));
    return changes;
  }

  private static long stop(ChurnCluster cluster, Live w, Instant t) {
    cluster.removed(ChurnCluster.deleted(w.deployment(), t));
    cluster.lifecycle(w.deployment().ref(), Type.STOPPED, t, "Deleted");
    cluster.removed(ChurnCluster.deleted(w.replicaSet(), t));
    cluster.removed(ChurnCluster.phase(w.pod(), "Running", w.pod().startedAt(), t));
    return 4;
  }
}
