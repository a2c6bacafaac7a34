package io.moraine.server.rules;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.rules.notify.AlertState;
import io.moraine.rules.notify.AlertStateChange;
import io.moraine.rules.notify.AlertStateListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every alert state change in the store as a sample of the series {@code
 * ALERTS_HISTORY{alertstate="<state>", <the alert's labels>}} at the time of the change, whose
 * value is the alert's value then. The store's WAL, retention and matchers then serve the history
 * API: nothing else is written to disk.
 *
 * <p>Changes are queued by {@link #onChange} (never blocking rule evaluation) and appended by one
 * virtual thread in batches, one commit per batch. Thread-safe.
 */
public final class AlertHistory implements AlertStateListener, AutoCloseable {
  /** The metric name of the history series. */
  public static final String METRIC = "ALERTS_HISTORY";

  /** The label that carries the state ({@code pending}, {@code firing}, ...). */
  public static final String STATE_LABEL = "alertstate";

  private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);
  private static final int QUEUE_CAPACITY = 100_000;

  private final Supplier<? extends Appendable> store;

  /** Queued by {@link #close} to wake the writer; never written. */
  private static final AlertStateChange WAKE_UP =
      new AlertStateChange(0, Labels.EMPTY, AlertState.RESOLVED, 0, 0);

  private final LinkedBlockingQueue<AlertStateChange> queue =
      new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Counter recorded;
  private final Counter dropped;
  private final Counter rejected;
  private final Thread writer;
  private volatile boolean closing;

  /**
   * @param store where the history goes; called for every batch, so it may throw until the store is
   *     open (the batch is then retried)
   */
  public AlertHistory(Supplier<? extends Appendable> store, MetricRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    Counter.Family changes =
        registry.counter(
            "moraine_alert_history_changes_total",
            "Alert state changes by outcome: recorded in ALERTS_HISTORY, dropped because the"
                + " queue was full, or rejected by the store.",
            "outcome");
    this.recorded = changes.labels("recorded");
    this.dropped = changes.labels("dropped");
    this.rejected = changes.labels("rejected");
    this.writer = Thread.ofVirtual().name("alert-history").start(this::run);
  }

  @Override
  public void onChange(AlertStateChange change) {
    if (closing || !queue.offer(change)) {
      dropped.inc();
    }
  }

  /** The series labels of one change. */
  static Labels seriesLabels(AlertStateChange c) {
    return c.labels().toBuilder()
        .add(Labels.METRIC_NAME, METRIC)
        .add(STATE_LABEL, c.state().apiName())
        .build();
  }

  private void run() {
    List<AlertStateChange> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        // parked until a change or close()'s wake-up comes: no periodic wake-ups while idle
        AlertStateChange first = closing ? queue.poll() : queue.take();
        if (first == null || first == WAKE_UP) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 4_999);
        batch.removeIf(c -> c == WAKE_UP);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void write(List<AlertStateChange> batch) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        Appender app = store.get().appender();
        int ok = 0;
        try {
          for (AlertStateChange c : batch) {
            try {
              app.append(seriesLabels(c), c.timeMillis(), c.value());
              ok++;
            } catch (SampleRejectedException e) {
              rejected.inc();
              LOG.atDebug().addKeyValue("reason", e.getMessage()).log("alert history rejected");
            }
          }
          app.commit();
        } catch (RuntimeException e) {
          app.rollback();
          throw e;
        }
        recorded.add(ok);
        return;
      } catch (RuntimeException e) {
        if (closing || attempt >= 50) {
          dropped.add(batch.size());
          LOG.atWarn()
              .addKeyValue("changes", batch.size())
              .addKeyValue("err", e.getMessage())
              .log("alert history not written");
          return;
        }
        Thread.sleep(200);
      }
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    closing = true;
    queue.offer(WAKE_UP); // a full queue wakes the writer anyway
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
