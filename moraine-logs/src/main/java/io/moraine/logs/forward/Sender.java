package io.moraine.logs.forward;

import io.moraine.core.time.Clock;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a forwarder's one sender thread: takes queued entries, gathers them into one pending
 * batch per tenant and pushes each batch when it is full or due. Confined to that thread.
 */
final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  private final LokiForwarder forwarder;
  private final ForwardOptions options;
  private final Clock clock;
  private final ForwardMetrics.Url metrics;
  private final PushClient client;
  private final PushRequestEncoder encoder = new PushRequestEncoder();
  private final Map<String, PendingBatch> pending = new LinkedHashMap<>();
  private final long batchWaitNanos;

  Sender(
      LokiForwarder forwarder,
      ForwardOptions options,
      Clock clock,
      ForwardMetrics.Url metrics,
      PushClient client) {
    this.forwarder = forwarder;
    this.options = options;
    this.clock = clock;
    this.metrics = metrics;
    this.client = client;
    this.batchWaitNanos = LokiForwarder.toNanos(options.batchWaitMillis());
  }

  void run() {
    ArrayDeque<ForwardEntry> taken = new ArrayDeque<>();
    try {
      boolean more = true;
      while (more) {
        more = forwarder.take(taken, options.batchSizeBytes(), dueInNanos());
        ForwardEntry e;
        while ((e = taken.pollFirst()) != null) {
          add(e);
        }
        sendDue(!more || forwarder.closing());
      }
    } catch (InterruptedException e) {
      long left = 0;
      for (PendingBatch b : pending.values()) {
        left += b.entries();
      }
      pending.clear();
      left += taken.size();
      if (left == 0) {
        return;
      }
      metrics.droppedShutdown().add(left);
      LOG.atWarn()
          .addKeyValue("url", options.displayUrl())
          .addKeyValue("dropped", left)
          .log("forwarder closed before its batches were sent");
    }
  }

  /** Adds to the tenant's batch; sends the batch it would overflow first, and a batch it fills. */
  private void add(ForwardEntry e) throws InterruptedException {
    String tenant = options.tenantId() != null ? options.tenantId() : e.tenant();
    PendingBatch b = pending.get(tenant);
    PendingBatch full = null;
    if (b != null && b.bytes() + e.sizeBytes() > options.batchSizeBytes()) {
      full = b;
      b = null;
    }
    if (b == null) {
      b = new PendingBatch(tenant, clock.nanoTime());
      pending.put(tenant, b);
    }
    b.add(e); // before sending, so that an interrupted send still counts e as pending
    if (full != null) {
      send(full);
    }
    if (b.bytes() >= options.batchSizeBytes()) {
      pending.remove(tenant);
      send(b);
    }
  }

  /** Nanoseconds until the oldest pending batch is due; {@code Long.MAX_VALUE} when none. */
  private long dueInNanos() {
    long now = clock.nanoTime();
    long min = Long.MAX_VALUE;
    for (PendingBatch b : pending.values()) {
      min = Math.min(min, Math.max(0, b.createdNanos() + batchWaitNanos - now));
    }
    return min;
  }

  private void sendDue(boolean all) throws InterruptedException {
    Iterator<PendingBatch> it = pending.values().iterator();
    while (it.hasNext()) {
      PendingBatch b = it.next();
      if (all || clock.nanoTime() - b.createdNanos() >= batchWaitNanos) {
        it.remove();
        send(b);
      }
    }
  }

  private void send(PendingBatch b) throws InterruptedException {
    try {
      byte[] body = encoder.encode(b);
      switch (client.push(b.tenant(), body)) {
        case SENT -> {
          metrics.sentEntries().add(b.entries());
          metrics.sentBytes().add(body.length);
        }
        case REJECTED -> metrics.droppedRejected().add(b.entries());
        case RETRIES_EXHAUSTED -> metrics.droppedRetriesExhausted().add(b.entries());
      }
    } catch (InterruptedException e) {
      metrics.droppedShutdown().add(b.entries());
      throw e;
    } catch (RuntimeException e) {
      metrics.failedRequests().inc();
      metrics.droppedRetriesExhausted().add(b.entries());
      LOG.atError()
          .addKeyValue("url", options.displayUrl())
          .addKeyValue("entries", b.entries())
          .setCause(e)
          .log("could not push a batch; dropping it");
    }
  }
}
