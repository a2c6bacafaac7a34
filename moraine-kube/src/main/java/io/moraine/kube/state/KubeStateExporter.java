package io.moraine.kube.state;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.storage.UnknownSeriesRefException;
import io.moraine.kube.model.ClusterState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the {@link KubeStateMetrics} of the current {@link ClusterState} to a store every
 * interval, in one commit per round with one timestamp (the clock's time when the round appends). A
 * series present in the previous stored round and absent from this one gets one staleness marker
 * ({@link StaleNaN}) in the same commit, so it ends at once in queries instead of after the
 * lookback delta. Series carry no {@code job} or {@code instance} label.
 *
 * <p>A failed round (the state supplier or the store threw) stores nothing, is counted and logged;
 * the next round compares with the last stored one. A sample the store rejects is counted and the
 * round goes on. Nothing is marked stale on {@link #close}: as Prometheus at shutdown, the series
 * then end after the lookback delta.
 *
 * <p>Thread-safe: rounds never overlap, whether run by {@link #start} or {@link #runOnce}.
 */
public final class KubeStateExporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeStateExporter.class);

  /** In the ref map: the series' store reference is not known (its last sample was rejected). */
  private static final long NO_REF = 0;

  private final KubeStateOptions options;
  private final Supplier<ClusterState> source;
  private final Appendable store;
  private final ExporterMetrics metrics;

  /** The series of the last stored round with their store refs; guarded by {@code this}. */
  private Map<Labels, Long> stored = Map.of();

  private volatile @Nullable ScheduledFuture<?> ticks;

  /**
   * An exporter that has not started; it registers its self-metrics ({@code moraine_kube_state_*})
   * in {@code registry}, so one registry takes one exporter.
   *
   * @param source gives the current state; called once per round from the round's thread, it must
   *     be thread-safe and quick (typically the watcher's last published state)
   */
  public KubeStateExporter(
      KubeStateOptions options,
      Supplier<ClusterState> source,
      Appendable store,
      MetricRegistry registry) {
    this.options = Objects.requireNonNull(options, "options");
    this.source = Objects.requireNonNull(source, "source");
    this.store = Objects.requireNonNull(store, "store");
    this.metrics = new ExporterMetrics(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Runs a round now and then every interval on {@code timer} (owned by the caller, who shuts it
   * down after {@link #close}).
   *
   * @throws IllegalStateException when already started
   */
  public synchronized void start(ScheduledExecutorService timer) {
    if (ticks != null) {
      throw new IllegalStateException("kube-state exporter already started");
    }
    long period = options.interval().toMillis();
    ticks = timer.scheduleAtFixedRate(this::runOnce, 0, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs one round: computes the families, appends them and the staleness markers, commits. Never
   * throws for a failure of the source or the store: it counts and logs it.
   *
   * @return whether the round was committed
   */
  public synchronized boolean runOnce() {
    metrics.rounds.inc();
    List<StateSample> samples;
    try {
      samples = KubeStateMetrics.collect(source.get());
    } catch (RuntimeException e) {
      metrics.collectFailures.inc();
      LOG.atWarn().setCause(e).log("kube-state round failed: cannot compute the cluster state");
      return false;
    }
    long t = options.clock().nowMillis();
    Appender app = store.appender();
    Map<Labels, Long> now = HashMap.newHashMap(samples.size());
    int stale;
    try {
      for (StateSample s : samples) {
        now.put(s.labels(), append(app, s.labels(), stored.get(s.labels()), t, s.value()));
      }
      stale = markVanished(app, now, t);
    } catch (RuntimeException e) {
      app.rollback();
      metrics.appendFailures.inc();
      LOG.atWarn().setCause(e).log("kube-state round failed while appending");
      return false;
    }
    try {
      app.commit();
    } catch (RuntimeException e) {
      metrics.commitFailures.inc();
      LOG.atWarn()
          .addKeyValue("series", samples.size())
          .setCause(e)
          .log("kube-state round failed: the store did not commit");
      return false;
    }
    stored = now;
    metrics.appended.add(samples.size());
    metrics.staleMarkers.add(stale);
    metrics.series.set(samples.size());
    return true;
  }

  /**
   * Appends a staleness marker for each series of the last stored round missing from {@code now}.
   */
  private int markVanished(Appender app, Map<Labels, Long> now, long t) {
    int n = 0;
    for (Map.Entry<Labels, Long> e : stored.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        append(app, e.getKey(), e.getValue(), t, StaleNaN.VALUE);
        n++;
      }
    }
    return n;
  }

  /** Appends by ref when one is known, else by labels; returns the ref, or NO_REF if rejected. */
  private long append(Appender app, Labels labels, @Nullable Long ref, long t, double v) {
    try {
      if (ref != null && ref != NO_REF) {
        try {
          return app.append(ref, t, v);
        } catch (UnknownSeriesRefException e) {
          // The series left the head since the last round: append by labels below.
        }
      }
      return app.append(labels, t, v);
    } catch (SampleRejectedException e) {
      metrics.rejected.inc();
      LOG.atDebug()
          .addKeyValue("series", labels)
          .addKeyValue("reason", e.getMessage())
          .log("kube-state sample rejected");
      return NO_REF;
    }
  }

  /** Stops the rounds; a round in flight completes. Idempotent. */
  @Override
  public void close() {
    ScheduledFuture<?> t = ticks;
    if (t != null) {
      t.cancel(false);
    }
  }
}
