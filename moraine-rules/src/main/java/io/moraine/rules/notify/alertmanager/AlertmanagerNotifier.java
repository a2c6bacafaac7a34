package io.moraine.rules.notify.alertmanager;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.AlertSink;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to Alertmanagers over API v2 as Prometheus 2.42's notifier does. {@link #send} adds
 * the external labels an alert lacks, applies {@code alert_relabel_configs}, and queues the alerts
 * (the oldest are dropped past the capacity, counted). One virtual thread takes batches of at most
 * {@value #MAX_BATCH} and POSTs each batch to every Alertmanager of every set at once; a batch
 * counts as dropped only when no Alertmanager took it (so also when there is none). Failed POSTs
 * are not retried: the next batch goes out as usual.
 *
 * <p>Thread-safe. The notifier owns its sender thread and HTTP clients; {@link #close} stops them.
 * The Alertmanagers of each set come from the caller's discovery through {@link #updateTargets}.
 */
public final class AlertmanagerNotifier implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerNotifier.class);

  /** Prometheus's {@code maxBatchSize}. */
  static final int MAX_BATCH = 64;

  private final Clock clock;
  private final String userAgent;
  private final AlertQueue queue;
  private final NotifierMetrics metrics;
  private final ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread sender;
  private volatile AlertmanagerNotifierOptions options;
  private volatile Map<String, AlertmanagerSet> sets;

  /**
   * Starts the sender thread and registers the {@code moraine_notifications_*} metrics (once per
   * registry).
   */
  public AlertmanagerNotifier(
      AlertmanagerNotifierOptions options, Clock clock, MetricRegistry registry) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.userAgent = options.userAgent();
    this.queue = new AlertQueue(options.queueCapacity());
    this.sets = newSets(options.sets(), Map.of());
    this.metrics =
        new NotifierMetrics(
            registry, options.queueCapacity(), queue::size, () -> alertmanagers().size());
    this.sender = Thread.ofVirtual().name("alertmanager-notifier").start(this::run);
  }

  /** Queues alerts; never blocks on the network, never throws. */
  @Override
  public void send(List<Alert> alerts) {
    AlertmanagerNotifierOptions o = options;
    List<Alert> kept = new ArrayList<>(alerts.size());
    for (Alert a : alerts) {
      Labels withExternal = addExternal(a.labels(), o.externalLabels());
      @Nullable Labels relabeled = o.alertRelabel().apply(withExternal);
      if (relabeled != null) {
        kept.add(
            new Alert(
                relabeled,
                a.annotations(),
                a.startsAtMillis(),
                a.endsAtMillis(),
                a.generatorUrl()));
      }
    }
    if (kept.isEmpty()) {
      return;
    }
    int dropped = queue.offer(kept);
    if (dropped > 0) {
      LOG.atWarn()
          .addKeyValue("num_dropped", dropped)
          .log("Alert notification queue full, dropping alerts");
      metrics.dropped.add(dropped);
    }
  }

  /**
   * Replaces the Alertmanagers of the set {@code setName} (deduplicated by URL). An unknown set is
   * logged and ignored, as Prometheus does.
   */
  public void updateTargets(String setName, List<URI> urls) {
    AlertmanagerSet s = sets.get(setName);
    if (s == null) {
      LOG.atError()
          .addKeyValue("err", "invalid id:" + setName)
          .log("couldn't sync alert manager set");
      return;
    }
    for (URI u : s.setUrls(urls)) {
      metrics.sent.labels(u.toString());
      metrics.errors.labels(u.toString());
    }
  }

  /**
   * Applies reloaded options: external labels, relabeling and sets take effect for the next alerts
   * and batches; sets keep their URLs when their name stays. The queue capacity and the user agent
   * are fixed at construction.
   */
  public void applyOptions(AlertmanagerNotifierOptions o) {
    Map<String, AlertmanagerSet> old = sets;
    options = o;
    sets = newSets(o.sets(), old);
    for (AlertmanagerSet s : old.values()) {
      s.close();
    }
  }

  /** The Alertmanagers alerts go to now, set by set. */
  public List<URI> alertmanagers() {
    List<URI> out = new ArrayList<>();
    for (AlertmanagerSet s : sets.values()) {
      out.addAll(s.urls());
    }
    return out;
  }

  /** Stops the sender, abandoning queued alerts and requests in flight, as Prometheus does. */
  @Override
  public void close() {
    queue.close();
    sender.interrupt();
    posts.shutdownNow();
    sets.values().forEach(AlertmanagerSet::close);
    try {
      sender.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, AlertmanagerSet> newSets(
      List<AlertmanagerSetOptions> opts, Map<String, AlertmanagerSet> old) {
    Map<String, AlertmanagerSet> out = new LinkedHashMap<>();
    for (AlertmanagerSetOptions so : opts) {
      AlertmanagerSet s = new AlertmanagerSet(so);
      AlertmanagerSet before = old.get(so.name());
      if (before != null) {
        s.setUrls(before.urls());
      }
      out.put(so.name(), s);
    }
    return Map.copyOf(out);
  }

  /** Adds each external label the alert lacks (an empty value counts as lacking). */
  static Labels addExternal(Labels labels, Labels external) {
    if (external.isEmpty()) {
      return labels;
    }
    Labels.Builder b = labels.toBuilder();
    boolean changed = false;
    for (int i = 0; i < external.size(); i++) {
      if (labels.getOrEmpty(external.name(i)).isEmpty()) {
        b.add(external.name(i), external.value(i));
        changed = true;
      }
    }
    return changed ? b.build() : labels;
  }

  private void run() {
    while (true) {
      List<Alert> batch;
      try {
        batch = queue.take(MAX_BATCH);
      } catch (InterruptedException e) {
        return;
      }
      if (batch == null) {
        return;
      }
      if (!sendAll(batch) && !Thread.currentThread().isInterrupted()) {
        metrics.dropped.add(batch.size());
      }
    }
  }

  /** POSTs one batch everywhere at once; true when at least one Alertmanager took it. */
  private boolean sendAll(List<Alert> batch) {
    byte[] body = PostableAlerts.encode(batch);
    long begin = clock.nanoTime();
    AtomicInteger ok = new AtomicInteger();
    List<Future<?>> inFlight = new ArrayList<>();
    try {
      for (AlertmanagerSet s : sets.values()) {
        for (URI url : s.urls()) {
          inFlight.add(posts.submit(() -> postOne(s, url, body, batch.size(), begin, ok)));
        }
      }
      for (Future<?> f : inFlight) {
        f.get();
      }
    } catch (InterruptedException | java.util.concurrent.RejectedExecutionException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("BUG: postOne threw", e);
    }
    return ok.get() > 0;
  }

  private void postOne(
      AlertmanagerSet s, URI url, byte[] body, int count, long begin, AtomicInteger ok) {
    String am = url.toString();
    try {
      s.post(url, body, userAgent);
      ok.incrementAndGet();
    } catch (IOException | IllegalArgumentException e) {
      LOG.atError()
          .addKeyValue("alertmanager", am)
          .addKeyValue("count", count)
          .addKeyValue("err", e.getMessage() == null ? e.toString() : e.getMessage())
          .log("Error sending alert");
      metrics.errors.labels(am).inc();
    } catch (InterruptedException e) {
      return;
    }
    metrics.latency.labels(am).observe((clock.nanoTime() - begin) / 1e9);
    metrics.sent.labels(am).add(count);
  }
}
