package io.moraine.rules.notify.receiver;

import io.moraine.core.time.Clock;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Repeats an integration's attempts with exponential backoff and jitter until delivered, failed for
 * good, or past the deadline; counts the metrics. Thread-safe.
 */
final class Retrier {
  /** The backoff Alertmanager uses (cenkalti/backoff defaults). */
  static final long INITIAL_MILLIS = 500;

  static final double MULTIPLIER = 1.5;
  static final double JITTER = 0.5;
  static final long MAX_MILLIS = 60_000;

  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final NotificationMetrics metrics;

  Retrier(ReceiversOptions o) {
    this.clock = o.clock();
    this.sleeper = o.sleeper();
    this.random = o.random();
    this.metrics = o.metrics();
  }

  Outcome run(Integration i, Notification n, List<Alert> alerts, long deadlineMillis) {
    metrics.total(i.kind()).inc();
    double interval = INITIAL_MILLIS;
    try {
      while (true) {
        long t0 = clock.nanoTime();
        Outcome o = i.attempt(n, alerts, deadlineMillis);
        metrics.latency(i.kind()).observe((clock.nanoTime() - t0) / 1e9);
        if (o.kind() != Outcome.Kind.RETRY) {
          return counted(i, o);
        }
        long wait = jittered(interval);
        interval = Math.min(interval * MULTIPLIER, MAX_MILLIS);
        if (clock.nowMillis() + wait >= deadlineMillis) {
          return counted(i, new Outcome(Outcome.Kind.FAIL, o.reason(), "deadline: " + o.detail()));
        }
        sleeper.sleep(wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return counted(i, Outcome.fail("other", "interrupted"));
    }
  }

  private long jittered(double interval) {
    double delta = JITTER * interval;
    return Math.round(interval - delta + random.nextDouble() * 2 * delta);
  }

  private Outcome counted(Integration i, Outcome o) {
    if (o.kind() != Outcome.Kind.OK) {
      metrics.failed(i.kind(), o.reason()).inc();
    }
    return o;
  }
}
