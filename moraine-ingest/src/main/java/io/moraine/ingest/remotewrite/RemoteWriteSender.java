package io.moraine.ingest.remotewrite;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.ingest.remotewrite.queue.DiskQueue;
import io.moraine.ingest.remotewrite.queue.QueueRecord;
import io.moraine.ingest.remotewrite.queue.SampleBatch;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one remote's disk queue: a reader thread takes records in order, adds the external labels,
 * applies {@code write_relabel_configs}, hashes each series to a {@link Shard} and batches samples
 * ({@code max_samples_per_send}, {@code batch_send_deadline}); the shards send. Every 10 seconds
 * the shard count is recomputed from the rates in and out, as Prometheus 2.42 does, between {@code
 * min_shards} and {@code max_shards}. It is also the queue's sink: {@link #accept} appends to disk.
 *
 * <p>Thread-safe. {@link #close} sends what it can within its deadline; the rest stays on disk.
 */
public final class RemoteWriteSender implements Consumer<SampleBatch>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteSender.class);
  private static final long RESHARD_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int MAX_CACHED_RELABELS = 100_000;

  private final RemoteWriteTarget target;
  private final DiskQueue queue;
  private final Clock clock;
  private final RemoteStorageMetrics.Children metrics;
  private final Shard.Context ctx;
  private final Map<Labels, Labels> relabeled = new HashMap<>();
  private final Thread reader;
  private final AtomicLong samplesIn = new AtomicLong();
  private final ShardCount shardCount;
  private volatile boolean stopping;
  private volatile long stopDeadlineNanos;
  private Shard[] shards = new Shard[0];
  private Batch[] open = new Batch[0];
  private long lastDropped;

  RemoteWriteSender(
      RemoteWriteTarget target,
      DiskQueue queue,
      HttpClient http,
      String userAgent,
      RemoteStorageMetrics metricFamilies,
      Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.clock = clock;
    this.metrics = metricFamilies.new Children(target.name(), target.url().toString());
    this.ctx =
        new Shard.Context(
            target.name(),
            new RemoteClient(http, target, userAgent),
            target.queue(),
            queue,
            metrics,
            clock,
            new AtomicLong(),
            new AtomicLong(),
            new AtomicLong(),
            new AtomicLong(clock.nanoTime()),
            new AtomicLong(Long.MIN_VALUE));
    this.shardCount = new ShardCount(target.queue(), clock);
    this.reader = Thread.ofPlatform().name("remote-write-" + target.name()).unstarted(this::read);
  }

  /** Starts reading and sending. */
  void start() {
    reader.start();
  }

  /** This remote's self-metrics children (for tests). */
  RemoteStorageMetrics.Children metrics() {
    return metrics;
  }

  /** The remote's name. */
  public String name() {
    return target.name();
  }

  /** Appends committed samples to the disk queue (the tee's sink). */
  @Override
  public void accept(SampleBatch batch) {
    queue.append(batch);
  }

  private void read() {
    try {
      startShards(target.queue().minShards());
      long nextReshard = clock.nanoTime() + RESHARD_INTERVAL_NANOS;
      while (true) {
        long now = clock.nanoTime();
        long wait = Math.min(flushDue(now), TimeUnit.SECONDS.toNanos(1));
        QueueRecord r = queue.next(stopping ? 0 : wait);
        if (r != null) {
          route(r);
        } else if (stopping) {
          break;
        }
        now = clock.nanoTime();
        flushExpired(now);
        updateGauges();
        if (now - nextReshard >= 0) {
          nextReshard = now + RESHARD_INTERVAL_NANOS;
          int desired = shardCount.desired(shards.length, samplesIn.get(), ctx);
          if (desired != shards.length) {
            LOG.atInfo()
                .addKeyValue("remote_name", target.name())
                .addKeyValue("from", shards.length)
                .addKeyValue("to", desired)
                .log("Remote storage resharding");
            stopShards(Long.MAX_VALUE);
            startShards(desired);
          }
        }
      }
      stopShards(stopDeadlineNanos);
    } catch (InterruptedException e) {
      for (Shard s : shards) {
        s.abort();
      }
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("remote_name", target.name())
          .setCause(e)
          .log("remote-write reader failed; samples stay on disk until the next start");
      for (Shard s : shards) {
        s.abort();
      }
    }
  }

  private void route(QueueRecord r) throws InterruptedException {
    int n = r.size();
    samplesIn.addAndGet(n);
    int droppedHere = 0;
    long now = clock.nanoTime();
    for (int i = 0; i < n; i++) {
      Labels l = process(r.labels(i));
      if (l == null) {
        droppedHere++;
        continue;
      }
      int s = (int) Long.remainderUnsigned(l.stableHash(), shards.length);
      Batch b = open[s];
      b.add(l, r.t(i), r.v(i), r, now);
      if (b.isFull()) {
        handOff(s);
      }
    }
    if (droppedHere > 0) {
      metrics.dropped.add(droppedHere);
      queue.release(r, droppedHere);
    }
  }

  /** External labels added (the series' own win), then write relabelling; null when dropped. */
  private @Nullable Labels process(Labels in) {
    Labels cached = relabeled.get(in);
    if (cached != null) {
      return cached == Labels.EMPTY ? null : cached;
    }
    if (relabeled.size() >= MAX_CACHED_RELABELS) {
      relabeled.clear();
    }
    Labels out = target.writeRelabel().process(withExternal(in, target.externalLabels()));
    if (out == null || out.isEmpty()) {
      relabeled.put(in, Labels.EMPTY);
      return null;
    }
    relabeled.put(in, out);
    return out;
  }

  static Labels withExternal(Labels in, Labels external) {
    if (external.isEmpty()) {
      return in;
    }
    Labels.Builder b = in.toBuilder();
    boolean changed = false;
    for (int k = 0; k < external.size(); k++) {
      if (in.get(external.name(k)) == null) {
        b.add(external.name(k), external.value(k));
        changed = true;
      }
    }
    return changed ? b.build() : in;
  }

  private void handOff(int s) throws InterruptedException {
    Batch b = open[s];
    ctx.pendingSamples().addAndGet(b.size);
    while (!shards[s].offer(b, TimeUnit.MILLISECONDS.toNanos(100))) {
      if (stopping && clock.nanoTime() - stopDeadlineNanos > 0) {
        throw new InterruptedException("shutdown deadline passed");
      }
    }
    open[s] = new Batch(target.queue().maxSamplesPerSend());
  }

  private long flushDue(long now) {
    long deadline = target.queue().batchSendDeadline().toNanos();
    long due = Long.MAX_VALUE;
    for (Batch b : open) {
      if (b.size > 0) {
        due = Math.min(due, Math.max(0, b.startedNanos + deadline - now));
      }
    }
    return due;
  }

  private void flushExpired(long now) throws InterruptedException {
    long deadline = target.queue().batchSendDeadline().toNanos();
    for (int s = 0; s < open.length; s++) {
      Batch b = open[s];
      if (b.size > 0 && (stopping || now - b.startedNanos >= deadline)) {
        handOff(s);
      }
    }
  }

  private void startShards(int n) {
    int perShard = Math.max(1, target.queue().capacity() / target.queue().maxSamplesPerSend());
    shards = new Shard[n];
    open = new Batch[n];
    for (int i = 0; i < n; i++) {
      shards[i] = new Shard(ctx, i, perShard);
      shards[i].start();
      open[i] = new Batch(target.queue().maxSamplesPerSend());
    }
    metrics.shards.set(n);
  }

  /** Hands off partial batches, lets every shard finish, waits until {@code deadlineNanos}. */
  private void stopShards(long deadlineNanos) throws InterruptedException {
    for (int s = 0; s < open.length; s++) {
      if (open[s].size > 0) {
        handOff(s);
      }
    }
    for (Shard s : shards) {
      s.finish();
    }
    for (Shard s : shards) {
      long left =
          deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - clock.nanoTime();
      if (!s.await(left)) {
        s.abort();
      }
    }
  }

  private void updateGauges() {
    metrics.pending.set(ctx.pendingSamples().get());
    metrics.diskBytes.set(queue.diskBytes());
    long d = queue.droppedSamples();
    if (d > lastDropped) {
      metrics.dropped.add(d - lastDropped);
      lastDropped = d;
    }
  }

  /**
   * Stops reading new samples, sends what was read and what is on disk until {@code deadline}, then
   * abandons the rest (it stays on disk for the next start) and closes the queue.
   */
  public void close(Duration deadline) {
    stopDeadlineNanos = clock.nanoTime() + deadline.toNanos();
    stopping = true;
    try {
      if (!reader.join(deadline.plusMillis(100))) {
        reader.interrupt();
        reader.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      reader.interrupt();
      Thread.currentThread().interrupt();
    } finally {
      updateGauges();
      queue.close();
    }
  }

  /** {@link #close(Duration)} with 10 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
