package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.storage.UnknownSeriesRefException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one target's scrapes leave in the store, as Prometheus 2.42's scrape loop stores them: the
 * target's labels merged into each sample ({@code honor_labels} or {@code exported_} prefixes),
 * {@code metric_relabel_configs}, label and sample limits (a scrape over a limit stores nothing but
 * its report), exposed timestamps when honored, staleness markers for series that disappear, and
 * the report series {@code up}, {@code scrape_duration_seconds}, {@code scrape_samples_scraped},
 * {@code scrape_samples_post_metric_relabeling} and {@code scrape_series_added}. Not thread-safe:
 * one per target, used by its scrape loop only.
 */
public final class TargetState {
  /** A series id whose stored series is not known yet (or whose labels break a limit). */
  private static final long UNKNOWN = Long.MIN_VALUE;

  /** A series id that {@code metric_relabel_configs} drops. */
  private static final long DROPPED = Long.MIN_VALUE + 1;

  /** A sample the store refused (out of order, duplicate, invalid). */
  private static final long REJECTED = Long.MIN_VALUE + 2;

  private static final String[] REPORT_NAMES = {
    "up",
    "scrape_duration_seconds",
    "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling",
    "scrape_series_added"
  };

  private final Labels target;
  private final ScrapeOptions options;
  private final Function<Labels, @Nullable Labels> metricRelabel;

  /** Per series id of the batch: the store's ref of its stored series, or a marker above. */
  private long[] refs = new long[0];

  /** Per series id: the scrape ({@link #epoch}) that last stored it at scrape time. */
  private int[] lastSeen = new int[0];

  /** Series ids stored at scrape time by the last scrape, and by the current one. */
  private int[] previous = new int[64];

  private int previousCount;
  private int[] current = new int[64];
  private int currentCount;
  private int epoch;

  private final Labels[] reportLabels = new Labels[REPORT_NAMES.length];
  private final long[] reportRefs = new long[REPORT_NAMES.length];

  /** What a scrape stored. */
  public record Report(int scraped, int stored, int seriesAdded, @Nullable String error) {}

  /**
   * @param target the target's public labels (see {@link TargetLabels#publicLabels})
   * @param metricRelabel the job's {@code metric_relabel_configs}
   */
  public TargetState(
      Labels target, ScrapeOptions options, Function<Labels, @Nullable Labels> metricRelabel) {
    this.target = Objects.requireNonNull(target, "target");
    this.options = Objects.requireNonNull(options, "options");
    this.metricRelabel = Objects.requireNonNull(metricRelabel, "metricRelabel");
    for (int i = 0; i < REPORT_NAMES.length; i++) {
      reportLabels[i] = withName(target, REPORT_NAMES[i]);
      reportRefs[i] = UNKNOWN;
    }
  }

  /**
   * Stores one scrape and its report, committing once. The same {@code batch} instance (or one with
   * the same ids for the same labels) must be passed to every call: per-series state is kept by its
   * ids.
   *
   * @param batch what the exposition held; empty for a failed scrape
   * @param scrapeError why the scrape failed, or null; a failed scrape marks every series of the
   *     previous one stale and reports {@code up} 0
   * @return what was stored; {@link Report#error} names a limit that rejected the scrape
   */
  public Report store(
      Appendable store,
      long scrapeMillis,
      ScrapeBatch batch,
      double durationSeconds,
      @Nullable String scrapeError) {
    String error = scrapeError;
    Appender app = store.appender();
    epoch++;
    currentCount = 0;
    grow(batch.idLimit());
    long counts = 0;
    if (error == null) {
      try {
        counts = appendSamples(app, scrapeMillis, batch);
      } catch (LimitException e) {
        app.rollback();
        app = store.appender();
        error = e.getMessage();
        epoch++; // forget what the rolled-back batch marked as seen
        currentCount = 0;
      }
    }
    int stored = (int) (counts >>> 32);
    int added = (int) counts;
    markGoneStale(app, scrapeMillis, batch);
    int[] swap = previous;
    previous = current;
    previousCount = currentCount;
    current = swap;
    currentCount = 0;
    report(app, scrapeMillis, error == null, durationSeconds, batch.size(), stored, added);
    app.commit();
    return new Report(batch.size(), stored, added, error);
  }

  /**
   * The target went away: every series it had, its report included, gets a staleness marker.
   *
   * @param batch the batch that the scrapes were stored from (for the labels of series the store no
   *     longer knows by ref)
   */
  public void markStale(Appendable store, long millis, ScrapeBatch batch) {
    Appender app = store.appender();
    epoch++;
    currentCount = 0;
    markGoneStale(app, millis, batch);
    previousCount = 0;
    for (int i = 0; i < REPORT_NAMES.length; i++) {
      appendReport(app, i, millis, StaleNaN.VALUE);
    }
    app.commit();
  }

  /**
   * Appends the samples; series written at scrape time are remembered for staleness (a sample with
   * an honored timestamp of its own is not, as in Prometheus).
   *
   * @return {@code stored << 32 | seriesAdded}
   */
  private long appendSamples(Appender app, long scrapeMillis, ScrapeBatch batch)
      throws LimitException {
    int stored = 0;
    int added = 0;
    int limit = options.sampleLimit();
    boolean honorTimestamps = options.honorTimestamps();
    for (int i = 0, n = batch.size(); i < n; i++) {
      int id = batch.id(i);
      long ref = refs[id];
      if (ref == DROPPED) {
        continue;
      }
      Labels l = null;
      if (ref == UNKNOWN) {
        l = storedLabels(batch, id);
        if (l == null) {
          refs[id] = DROPPED;
          continue;
        }
        checkLabelLimits(l);
      }
      if (limit > 0 && stored >= limit) {
        throw new LimitException("sample limit exceeded");
      }
      stored++;
      long exposed = batch.timestamp(i);
      boolean ownTime = honorTimestamps && exposed != ScrapeBatch.NO_TIMESTAMP;
      long got = append(app, ref, l, batch, id, ownTime ? exposed : scrapeMillis, batch.value(i));
      if (got == REJECTED) {
        continue;
      }
      if (ref == UNKNOWN) {
        added++;
      }
      refs[id] = got;
      if (!ownTime && lastSeen[id] != epoch) {
        lastSeen[id] = epoch;
        track(id);
      }
    }
    return (long) stored << 32 | added;
  }

  /**
   * Writes staleness markers for the series of the last scrape that this one did not store, unless
   * another series id of this scrape stored into the same series.
   */
  private void markGoneStale(Appender app, long millis, ScrapeBatch batch) {
    Set<Long> live = null;
    for (int k = 0; k < previousCount; k++) {
      int id = previous[k];
      if (lastSeen[id] == epoch) {
        continue;
      }
      long ref = refs[id];
      if (ref == UNKNOWN || ref == DROPPED) {
        continue;
      }
      if (live == null) {
        live = new HashSet<>();
        for (int j = 0; j < currentCount; j++) {
          live.add(refs[current[j]]);
        }
      }
      if (!live.contains(ref)) {
        long got = append(app, ref, null, batch, id, millis, StaleNaN.VALUE);
        if (got != REJECTED) {
          refs[id] = got;
        }
      }
    }
  }

  /**
   * Appends by ref when one is known, else (or when the store has forgotten the ref) by the stored
   * labels; returns the ref, or {@link #REJECTED}.
   */
  private long append(
      Appender app, long ref, @Nullable Labels l, ScrapeBatch batch, int id, long t, double v) {
    try {
      if (ref != UNKNOWN) {
        try {
          return app.append(ref, t, v);
        } catch (UnknownSeriesRefException e) {
          l = storedLabels(batch, id);
          if (l == null) {
            return REJECTED;
          }
        }
      }
      return app.append(Objects.requireNonNull(l, "labels"), t, v);
    } catch (SampleRejectedException e) {
      return REJECTED;
    }
  }

  private @Nullable Labels storedLabels(ScrapeBatch batch, int id) {
    return metricRelabel.apply(merge(batch.labels(id)));
  }

  private void track(int id) {
    if (currentCount == current.length) {
      current = Arrays.copyOf(current, currentCount * 2);
    }
    current[currentCount++] = id;
  }

  private void grow(int ids) {
    if (ids > refs.length) {
      int n = Math.max(ids, refs.length + (refs.length >> 1));
      int old = refs.length;
      refs = Arrays.copyOf(refs, n);
      Arrays.fill(refs, old, n, UNKNOWN);
      lastSeen = Arrays.copyOf(lastSeen, n);
    }
  }

  /** The target's labels merged into an exposed label set, as 2.42's mutateSampleLabels. */
  private Labels merge(Labels exposed) {
    Labels.Builder b = exposed.toBuilder();
    if (options.honorLabels()) {
      for (int i = 0; i < target.size(); i++) {
        if (exposed.getOrEmpty(target.name(i)).isEmpty()) {
          b.add(target.name(i), target.value(i));
        }
      }
    } else {
      for (int i = 0; i < target.size(); i++) {
        String name = target.name(i);
        String clash = exposed.get(name);
        if (clash != null) {
          b.add("exported_" + name, clash);
        }
        b.add(name, target.value(i));
      }
    }
    return b.build();
  }

  private void checkLabelLimits(Labels l) throws LimitException {
    String metric = l.getOrEmpty(Labels.METRIC_NAME);
    if (options.labelLimit() > 0 && l.size() > options.labelLimit()) {
      throw new LimitException(
          String.format(
              "label_limit exceeded (metric: %.50s, number of labels: %d, limit: %d)",
              metric, l.size(), options.labelLimit()));
    }
    for (int i = 0; i < l.size(); i++) {
      String name = l.name(i);
      String value = l.value(i);
      if (options.labelNameLengthLimit() > 0 && name.length() > options.labelNameLengthLimit()) {
        throw new LimitException(
            String.format(
                "label_name_length_limit exceeded (metric: %.50s, label name: %.50s, length: %d,"
                    + " limit: %d)",
                metric, name, name.length(), options.labelNameLengthLimit()));
      }
      if (options.labelValueLengthLimit() > 0 && value.length() > options.labelValueLengthLimit()) {
        throw new LimitException(
            String.format(
                "label_value_length_limit exceeded (metric: %.50s, label name: %.50s, value:"
                    + " \"%.50s\", length: %d, limit: %d)",
                metric, name, value, value.length(), options.labelValueLengthLimit()));
      }
    }
  }

  private void report(
      Appender app,
      long t,
      boolean up,
      double durationSeconds,
      int scraped,
      int stored,
      int added) {
    appendReport(app, 0, t, up ? 1 : 0);
    appendReport(app, 1, t, durationSeconds);
    appendReport(app, 2, t, scraped);
    appendReport(app, 3, t, stored);
    appendReport(app, 4, t, added);
  }

  private void appendReport(Appender app, int i, long t, double v) {
    long ref = reportRefs[i];
    try {
      if (ref != UNKNOWN) {
        try {
          app.append(ref, t, v);
          return;
        } catch (UnknownSeriesRefException e) {
          // the store dropped the series: append by labels below
        }
      }
      reportRefs[i] = app.append(reportLabels[i], t, v);
    } catch (SampleRejectedException e) {
      // out of order or duplicate: skipped, as Prometheus skips it
    }
  }

  private static Labels withName(Labels l, String name) {
    return l.toBuilder().add(Labels.METRIC_NAME, name).build();
  }

  /** A scrape over one of its limits. */
  private static final class LimitException extends Exception {
    LimitException(String message) {
      super(message, null, false, false);
    }
  }
}
