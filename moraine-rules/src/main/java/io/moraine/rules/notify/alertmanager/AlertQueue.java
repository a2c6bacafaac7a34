package io.moraine.rules.notify.alertmanager;

import io.moraine.rules.notify.Alert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The notifier's bounded FIFO of alerts: the newest win, the oldest are dropped past capacity.
 * Thread-safe; one consumer takes batches.
 */
final class AlertQueue {
  private final int capacity;
  private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition more = lock.newCondition();
  private boolean closed;

  AlertQueue(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Appends {@code in}, dropping the oldest alerts (first of {@code in} itself when it alone
   * exceeds the capacity) so that at most {@code capacity} remain.
   *
   * @return how many alerts were dropped
   */
  int offer(List<Alert> in) {
    int dropped = Math.max(0, in.size() - capacity);
    List<Alert> kept = dropped == 0 ? in : in.subList(dropped, in.size());
    lock.lock();
    try {
      int over = alerts.size() + kept.size() - capacity;
      for (int i = 0; i < over; i++) {
        alerts.pollFirst();
      }
      alerts.addAll(kept);
      more.signal();
      return dropped + Math.max(0, over);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for alerts and takes up to {@code max} of the oldest.
   *
   * @return the batch (never empty), or null once the queue is closed
   * @throws InterruptedException when the consumer is interrupted while waiting
   */
  @Nullable List<Alert> take(int max) throws InterruptedException {
    lock.lock();
    try {
      while (alerts.isEmpty() && !closed) {
        more.await();
      }
      if (closed) {
        return null;
      }
      List<Alert> batch = new ArrayList<>(Math.min(max, alerts.size()));
      while (batch.size() < max && !alerts.isEmpty()) {
        batch.add(alerts.pollFirst());
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return alerts.size();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the consumer, which then gets null; alerts still queued are discarded. */
  void close() {
    lock.lock();
    try {
      closed = true;
      alerts.clear();
      more.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
