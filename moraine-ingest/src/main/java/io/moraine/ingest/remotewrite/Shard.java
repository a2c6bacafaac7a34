package io.moraine.ingest.remotewrite;

import io.moraine.core.time.Clock;
import io.moraine.ingest.remotewrite.queue.DiskQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sending lane: takes batches in order from a bounded queue and sends each until the remote
 * takes it or refuses it for good (retries with exponential backoff), then releases its samples in
 * the disk queue. A series always goes to the same shard, so its samples are sent in order.
 * Interrupting the thread abandons the batch in hand unreleased: it stays on disk.
 */
final class Shard implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

  /** Shared by a sender's shards. */
  record Context(
      String remote,
      RemoteClient client,
      QueueConfig config,
      DiskQueue queue,
      RemoteStorageMetrics.Children metrics,
      Clock clock,
      AtomicLong pendingSamples,
      AtomicLong sentSamples,
      AtomicLong sendNanos,
      AtomicLong lastSuccessNanos,
      AtomicLong highestSentMillis) {}

  private static final Batch END = new Batch(0);

  private final Context ctx;
  private final BlockingQueue<Batch> in;
  private final WriteRequestEncoder encoder = new WriteRequestEncoder();
  private final Thread thread;

  Shard(Context ctx, int index, int queuedBatches) {
    this.ctx = ctx;
    this.in = new ArrayBlockingQueue<>(Math.max(1, queuedBatches));
    this.thread =
        Thread.ofVirtual().name("remote-write-" + ctx.remote() + "-shard-" + index).unstarted(this);
  }

  void start() {
    thread.start();
  }

  /** Queues {@code b}; false when the shard stayed full for {@code timeoutNanos}. */
  boolean offer(Batch b, long timeoutNanos) throws InterruptedException {
    return in.offer(b, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** Asks the shard to stop after the batches queued so far. */
  void finish() throws InterruptedException {
    in.put(END);
  }

  /** Waits up to {@code nanos} for the shard to stop; true when it has. */
  boolean await(long nanos) throws InterruptedException {
    return thread.join(java.time.Duration.ofNanos(Math.max(1, nanos)));
  }

  /** Abandons the batch in hand and what is queued (they stay on disk). */
  void abort() {
    thread.interrupt();
  }

  @Override
  public void run() {
    try {
      while (true) {
        Batch b = in.take();
        if (b == END) {
          return;
        }
        sendWithRetries(b);
        ctx.pendingSamples().addAndGet(-b.size);
        b.release(ctx.queue());
      }
    } catch (InterruptedException e) {
      // shutdown past its deadline: what was not released is sent again after a restart
    }
  }

  private void sendWithRetries(Batch b) throws InterruptedException {
    int length = encoder.encode(b);
    long backoff = ctx.config().minBackoff().toNanos();
    long maxBackoff = ctx.config().maxBackoff().toNanos();
    while (true) {
      long start = ctx.clock().nanoTime();
      SendOutcome o = ctx.client().send(encoder.body(), length);
      long took = ctx.clock().nanoTime() - start;
      ctx.metrics().duration.observe(took / 1e9);
      switch (o) {
        case SendOutcome.Delivered d -> {
          delivered(b, length, took);
          return;
        }
        case SendOutcome.Failed f -> {
          ctx.metrics().failed.add(b.size);
          LOG.atError()
              .addKeyValue("remote_name", ctx.remote())
              .addKeyValue("samples", b.size)
              .addKeyValue("err", f.message())
              .log("non-recoverable error sending remote-write batch; dropped");
          return;
        }
        case SendOutcome.Retry r -> {
          long sleep = r.retryAfterNanos() > 0 ? r.retryAfterNanos() : backoff;
          TimeUnit.NANOSECONDS.sleep(sleep);
          ctx.metrics().retried.add(b.size);
          LOG.atWarn()
              .addKeyValue("remote_name", ctx.remote())
              .addKeyValue("err", r.message())
              .log("Failed to send batch, retrying");
          backoff = Math.min(sleep * 2, maxBackoff);
        }
      }
    }
  }

  private void delivered(Batch b, int length, long took) {
    ctx.metrics().samples.add(b.size);
    ctx.metrics().bytes.add(length);
    ctx.sentSamples().addAndGet(b.size);
    ctx.sendNanos().addAndGet(took);
    ctx.lastSuccessNanos().set(ctx.clock().nanoTime());
    long max = b.maxTime();
    long high = ctx.highestSentMillis().accumulateAndGet(max, Math::max);
    ctx.metrics().highestSent.set(high / 1000.0);
  }
}
