package io.moraine.rules.group;

import io.moraine.core.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one group on a virtual thread: waits for the group's next slot, evaluates, and skips (and
 * counts) slots it was too late for. Stopping never interrupts the thread, so an evaluation in
 * progress finishes its appends; {@link #stop} waits for it. Thread-safe.
 */
final class GroupLoop {
  private static final Logger LOG = LoggerFactory.getLogger(GroupLoop.class);

  private final RuleGroup group;
  private final Clock clock;
  private final CountDownLatch done = new CountDownLatch(1);
  private @Nullable Thread thread;

  GroupLoop(RuleGroup group, Clock clock) {
    this.group = group;
    this.clock = clock;
  }

  /** Starts the loop; at most once. */
  synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("BUG: group loop started twice: " + group.key);
    }
    thread = Thread.ofVirtual().name("rule-group " + group.key).start(this::run);
  }

  /** Stops the loop and waits for an evaluation in progress to finish. Idempotent. */
  void stop() {
    group.stop();
    done.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      boolean interrupted = false;
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long interval = group.intervalMillis;
    long offset = Slots.offset(group.file, group.name, interval);
    long slot = Slots.slotAtOrBefore(clock.nowMillis(), offset, interval) + interval;
    if (!waitUntil(clock, done, slot)) {
      return;
    }
    while (true) {
      try {
        group.iterate(slot);
      } catch (RuntimeException e) {
        LOG.atError()
            .addKeyValue("group", group.key)
            .addKeyValue("err", e.toString())
            .setCause(e)
            .log("Rule group iteration failed");
      }
      if (!waitUntil(clock, done, slot + interval)) {
        return;
      }
      long missed = Slots.missed(clock.nowMillis(), slot, interval);
      if (missed > 0) {
        group.countMissed(missed);
      }
      slot += (missed + 1) * interval;
    }
  }

  /**
   * Waits until {@code clock} reaches {@code atMillis}.
   *
   * @return false when {@code stop} counted down first (or the thread was interrupted)
   */
  static boolean waitUntil(Clock clock, CountDownLatch stop, long atMillis) {
    try {
      while (true) {
        long wait = atMillis - clock.nowMillis();
        if (wait <= 0) {
          return stop.getCount() > 0;
        }
        if (stop.await(wait, TimeUnit.MILLISECONDS)) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
