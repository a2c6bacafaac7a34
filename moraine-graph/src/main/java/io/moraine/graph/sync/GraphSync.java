package io.moraine.graph.sync;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.graph.render.GraphRenderer;
import io.moraine.graph.store.GraphStore;
import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ModelChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the graph store in step with the Kubernetes model by deltas. Each change re-renders the
 * objects it touched (a pod's workload too, and the site when a node changes), diffs the rendering
 * against the store and writes only the difference; changes arriving within {@link
 * GraphSyncOptions#maxBatchDelay} share one {@link GraphStore#apply} transaction on the sync's own
 * writer thread.
 *
 * <ul>
 *   <li>{@code Removed} renders the object's last value (stopped, with its end time); nothing is
 *       deleted.
 *   <li>{@code Lifecycle} appends the renderer's history triples to the history graph.
 *   <li>{@code Resynced} re-renders everything in the state; objects whose state graph the store
 *       holds but the state lacks, and whose status has no end time, get the re-sync's time as end
 *       time (and a STOPPED history event), so a re-sync converges to what continuous watching
 *       would have written except for those end times.
 * </ul>
 *
 * <p>Thread-safe: {@link #onChange} never blocks (a full queue is replaced by a re-sync from the
 * newest state). A failed batch is retried with the next changes folded in, up to three times, then
 * dropped and counted. The sync owns its writer thread, not the renderer or the store; {@link
 * #close} writes what is queued, then stops the thread.
 */
public final class GraphSync implements ClusterListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GraphSync.class);
  private static final int MAX_ATTEMPTS = 3;
  private static final Duration POLL = Duration.ofMillis(100);

  private record Pending(ModelChange change, ClusterState now, long observedNanos) {}

  private final GraphStore store;
  private final DeltaPlanner planner;
  private final GraphSyncOptions options;
  private final Consumer<Commit> observer;
  private final SyncMetrics metrics;
  private final BlockingQueue<Pending> queue;
  private final AtomicLong accepted = new AtomicLong();
  private final Object idle = new Object();
  private long finished; // guarded by idle
  private volatile boolean closed;
  private final Thread writer;

  private GraphSync(
      GraphRenderer renderer,
      GraphStore store,
      MetricRegistry registry,
      GraphSyncOptions options,
      Consumer<Commit> observer) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
    this.observer = Objects.requireNonNull(observer, "observer");
    Node history = renderer.historyGraph();
    StateGraphNames names = StateGraphNames.forHistoryGraph(history);
    if (names == null) {
      LOG.atWarn()
          .addKeyValue("history_graph", history)
          .log(
              "graph names do not follow the moraine profile; a re-sync will not close objects"
                  + " that vanished unseen");
    }
    this.planner = new DeltaPlanner(renderer, names);
    this.queue = new ArrayBlockingQueue<>(options.maxPending());
    this.metrics = new SyncMetrics(registry, queue::size);
    this.writer = Thread.ofPlatform().name("moraine-graph-sync").daemon(true).unstarted(this::run);
  }

  /**
   * Starts a sync writing to {@code store}, telling {@code observer} of each commit on the writer
   * thread (it must be quick; what it throws is logged).
   */
  public static GraphSync start(
      GraphRenderer renderer,
      GraphStore store,
      MetricRegistry registry,
      GraphSyncOptions options,
      Consumer<Commit> observer) {
    GraphSync sync = new GraphSync(renderer, store, registry, options, observer);
    sync.writer.start();
    return sync;
  }

  /** Starts a sync writing to {@code store}. */
  public static GraphSync start(
      GraphRenderer renderer, GraphStore store, MetricRegistry registry, GraphSyncOptions options) {
    return start(renderer, store, registry, options, c -> {});
  }

  @Override
  public void onChange(ModelChange change, ClusterState now) {
    metrics.change(typeName(change));
    if (closed) {
      LOG.atDebug()
          .addKeyValue("change", typeName(change))
          .log("graph sync closed; change ignored");
      return;
    }
    long observed = options.clock().nanoTime();
    accepted.incrementAndGet();
    if (queue.offer(new Pending(change, now, observed))) {
      return;
    }
    // Full: what is queued is superseded by a re-sync from the newest state, queued in order.
    List<Pending> superseded = new ArrayList<>();
    queue.drainTo(superseded);
    metrics.overflows.add(superseded.size() + 1L);
    LOG.atWarn()
        .addKeyValue("superseded", superseded.size() + 1)
        .log("graph sync queue full; replacing queued changes by a re-sync");
    finish(superseded.size() + 1L);
    accepted.incrementAndGet();
    if (!queue.offer(new Pending(new ModelChange.Resynced(now), now, observed))) {
      finish(1);
      LOG.atError().log("graph sync queue still full; re-sync request lost");
    }
  }

  /**
   * Waits until every change received before this call is committed (or dropped). For tests,
   * benchmarks and orderly shutdown.
   *
   * @return false when {@code timeout} passed first
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long target = accepted.get();
    long waitNanos = timeout.toNanos();
    long deadline = System.nanoTime() + waitNanos;
    synchronized (idle) {
      while (finished < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return true;
  }

  /** Commits what is queued, then stops the writer (waiting at most 30 s for it). */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Batch carry = null;
    while (!closed || !queue.isEmpty() || carry != null) {
      try {
        Batch batch = collect(carry);
        carry = batch == null ? null : commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The next batch: the carried-over one (after a back-off) or a new one, topped up. */
  private @Nullable Batch collect(@Nullable Batch carry) throws InterruptedException {
    Batch batch = carry;
    if (batch == null) {
      Pending first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
      if (first == null) {
        return null;
      }
      batch = new Batch(first.now());
      fold(batch, first);
    } else if (!closed) {
      Thread.sleep(Duration.ofSeconds(batch.attempts));
    }
    if (!options.maxBatchDelay().isZero() && !closed) {
      Thread.sleep(options.maxBatchDelay());
    }
    List<Pending> more = new ArrayList<>();
    queue.drainTo(more, Math.max(0, options.maxBatchChanges() - batch.changes()));
    for (Pending p : more) {
      fold(batch, p);
    }
    return batch;
  }

  private void fold(Batch batch, Pending p) {
    batch.add(p.change(), p.now(), p.observedNanos(), wallNow());
  }

  private Instant wallNow() {
    return Instant.ofEpochMilli(options.clock().nowMillis());
  }

  /** Writes one batch; returns it to carry over when it failed and may be retried, else null. */
  private @Nullable Batch commit(Batch batch) {
    try {
      List<GraphStore.Delta> deltas = planner.plan(batch, store);
      long t0 = options.clock().nanoTime();
      long changed = deltas.isEmpty() ? 0 : store.apply(deltas);
      long t1 = options.clock().nanoTime();
      long deletes = 0;
      long adds = 0;
      for (GraphStore.Delta d : deltas) {
        deletes += d.deletes().size();
        adds += d.adds().size();
      }
      List<Long> lags = batch.lags(t1);
      record(deletes, adds, t1 - t0, lags);
      tell(new Commit(batch.changes(), deltas.size(), deletes, adds, changed, t1 - t0, lags));
      finish(batch.changes());
      return null;
    } catch (RuntimeException e) {
      metrics.failures.inc();
      batch.attempts++;
      boolean drop = batch.attempts >= MAX_ATTEMPTS;
      LOG.atError()
          .setCause(e)
          .addKeyValue("changes", batch.changes())
          .addKeyValue("attempt", batch.attempts)
          .addKeyValue("dropped", drop)
          .log("graph sync batch failed");
      if (!drop) {
        return batch;
      }
      metrics.dropped.inc();
      finish(batch.changes());
      return null;
    }
  }

  private void record(long deletes, long adds, long applyNanos, List<Long> lags) {
    metrics.batches.inc();
    metrics.triplesDeleted.add(deletes);
    metrics.triplesAdded.add(adds);
    metrics.applySeconds.observe(applyNanos / 1e9);
    for (long lag : lags) {
      metrics.lagSeconds.observe(lag / 1e9);
    }
  }

  private void tell(Commit commit) {
    try {
      observer.accept(commit);
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("graph sync commit observer failed");
    }
  }

  private void finish(long n) {
    synchronized (idle) {
      finished += n;
      idle.notifyAll();
    }
  }

  private static String typeName(ModelChange c) {
    return switch (c) {
      case ModelChange.Upserted u -> "upserted";
      case ModelChange.Removed r -> "removed";
      case ModelChange.Lifecycle l -> "lifecycle";
      case ModelChange.Event e -> "event";
      case ModelChange.Resynced r -> "resynced";
    };
  }
}
