package io.moraine.logs.forward;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes accepted log entries to one external Loki, as Promtail's client does. Entries offered (by
 * {@link ForwardingLogAppendable}) wait in a bounded in-memory queue; when it is over {@link
 * ForwardOptions#queueCapacityBytes()} the oldest entries are dropped and counted. One sender
 * thread batches them per tenant (the configured tenant id, else the entry's own) until a batch
 * reaches {@link ForwardOptions#batchSizeBytes()} or its first entry has waited {@link
 * ForwardOptions#batchWaitMillis()}, then pushes it, retrying as {@link PushClient} says.
 *
 * <p>Thread-safe: {@link #offer} may be called from any thread and never blocks on the network.
 * Nothing survives a restart: the queue is memory only. The owner must {@link #close} it.
 */
public final class LokiForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LokiForwarder.class);

  /** A full queue is logged at most this often (the counter has every drop). */
  private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final ForwardOptions options;
  private final Clock clock;
  private final ForwardMetrics.Url metrics;
  private final PushClient client;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<ForwardEntry> queue = new ArrayDeque<>();
  private long queueBytes;
  private long lastDropLogNanos = Long.MIN_VALUE;
  private long droppedSinceLog;
  private boolean closing;
  private final Sender sender;
  private final Thread thread;

  private LokiForwarder(ForwardOptions options, Clock clock, ForwardMetrics metrics) {
    this.options = options;
    this.clock = clock;
    this.metrics = metrics.forUrl(options.displayUrl());
    this.client = new PushClient(options, clock, this.metrics);
    this.sender = new Sender(this, options, clock, this.metrics, client);
    this.thread =
        Thread.ofPlatform()
            .name("moraine-logs-forward " + options.displayUrl())
            .daemon(true)
            .unstarted(sender::run);
  }

  /**
   * Starts a forwarder whose metrics are children of {@code metrics} (shared by every forwarder of
   * one registry).
   *
   * @throws IllegalArgumentException when a configured header may not be set by an HTTP client
   */
  public static LokiForwarder start(ForwardOptions options, Clock clock, ForwardMetrics metrics) {
    LokiForwarder f = new LokiForwarder(options, clock, metrics);
    f.thread.start();
    return f;
  }

  /**
   * Starts one forwarder per options entry, registering the metric families on {@code registry}
   * once. Use this (or one {@link ForwardMetrics} for all) when there are several URLs: the
   * registry refuses a family registered twice.
   */
  public static List<LokiForwarder> startAll(
      List<ForwardOptions> options, Clock clock, MetricRegistry registry) {
    if (options.isEmpty()) {
      return List.of();
    }
    ForwardMetrics metrics = new ForwardMetrics(registry);
    List<LokiForwarder> out = new ArrayList<>(options.size());
    for (ForwardOptions o : options) {
      out.add(start(o, clock, metrics));
    }
    return List.copyOf(out);
  }

  /** The options this forwarder was started with. */
  public ForwardOptions options() {
    return options;
  }

  /**
   * Queues committed entries; drops the oldest queued ones while the queue is over capacity. Never
   * blocks on the network. After {@link #close} the entries are dropped and counted.
   */
  void offer(List<ForwardEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    long dropped = 0;
    long toLog = 0;
    lock.lock();
    try {
      if (closing) {
        metrics.droppedShutdown().add(entries.size());
        return;
      }
      for (int i = 0; i < entries.size(); i++) {
        ForwardEntry e = entries.get(i);
        queue.addLast(e);
        queueBytes += e.sizeBytes();
      }
      while (queueBytes > options.queueCapacityBytes()) {
        ForwardEntry oldest = queue.removeFirst();
        queueBytes -= oldest.sizeBytes();
        dropped++;
      }
      metrics.queueBytes().set(queueBytes);
      notEmpty.signal();
      if (dropped > 0) {
        droppedSinceLog += dropped;
        long now = clock.nanoTime();
        if (lastDropLogNanos == Long.MIN_VALUE
            || now - lastDropLogNanos >= DROP_LOG_INTERVAL_NANOS) {
          lastDropLogNanos = now;
          toLog = droppedSinceLog;
          droppedSinceLog = 0;
        }
      }
    } finally {
      lock.unlock();
    }
    if (dropped > 0) {
      metrics.droppedQueueFull().add(dropped);
    }
    if (toLog > 0) {
      LOG.atWarn()
          .addKeyValue("url", options.displayUrl())
          .addKeyValue("dropped", toLog)
          .log("forwarding queue full; dropped the oldest entries");
    }
  }

  /**
   * Waits for entries, a batch falling due or closing, then moves up to {@code maxBytes} of queued
   * entries into {@code out}. Called by the sender thread only.
   *
   * @param dueInNanos how long until the oldest pending batch is due; {@code Long.MAX_VALUE} when
   *     none is pending
   * @return false once closing and the queue is empty
   */
  boolean take(Collection<ForwardEntry> out, long maxBytes, long dueInNanos)
      throws InterruptedException {
    lock.lock();
    try {
      long deadline = dueInNanos == Long.MAX_VALUE ? Long.MAX_VALUE : clock.nanoTime() + dueInNanos;
      while (queue.isEmpty() && !closing) {
        if (deadline == Long.MAX_VALUE) {
          notEmpty.await();
        } else {
          long left = deadline - clock.nanoTime();
          if (left <= 0) {
            break;
          }
          notEmpty.awaitNanos(left);
        }
      }
      long taken = 0;
      while (!queue.isEmpty() && taken < maxBytes) {
        ForwardEntry e = queue.removeFirst();
        queueBytes -= e.sizeBytes();
        taken += e.sizeBytes();
        out.add(e);
      }
      metrics.queueBytes().set(queueBytes);
      return !(closing && out.isEmpty());
    } finally {
      lock.unlock();
    }
  }

  /** True once {@link #close} has begun: pending batches go out without waiting. */
  boolean closing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Flushes within {@link ForwardOptions#timeoutMillis()}, then stops; see {@link
   * #close(Duration)}.
   */
  @Override
  public void close() {
    close(Duration.ofMillis(options.timeoutMillis()));
  }

  /**
   * Sends what is queued and pending, waiting at most {@code deadline}; what is still unsent then
   * is dropped and counted ({@code reason="shutdown"}). Later offers are dropped. Idempotent.
   */
  public void close(Duration deadline) {
    lock.lock();
    try {
      closing = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      if (!thread.join(deadline)) {
        thread.interrupt();
        thread.join(Duration.ofMillis(options.timeoutMillis()));
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    } finally {
      client.close();
      dropQueued();
    }
  }

  private void dropQueued() {
    lock.lock();
    try {
      if (!queue.isEmpty()) {
        metrics.droppedShutdown().add(queue.size());
        queue.clear();
        queueBytes = 0;
        metrics.queueBytes().set(0);
      }
    } finally {
      lock.unlock();
    }
  }

  /** For tests: whether the sender thread has ended. */
  boolean stopped() {
    return !thread.isAlive();
  }

  static long toNanos(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
