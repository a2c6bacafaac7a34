package io.moraine.ingest.scrape;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
  private final Labels target;
  private final ScrapeOptions options;
  private final Function<Labels, @Nullable Labels> metricRelabel;

  /** Exposed labels → stored labels (or null when relabeling drops them), across scrapes. */
  private final Map<Labels, Optional> cache = new HashMap<>();

  /** Stored series of the last scrape whose newest sample was written at scrape time. */
  private Set<Labels> previous = new HashSet<>();

  /** A cache entry: the stored labels, or null for a dropped series. */
  private record Optional(@Nullable Labels labels) {}

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
  }

  /**
   * Stores one scrape and its report, committing once.
   *
   * @param samples what the exposition held; empty for a failed scrape
   * @param scrapeError why the scrape failed, or null; a failed scrape marks every series of the
   *     previous one stale and reports {@code up} 0
   * @return what was stored; {@link Report#error} names a limit that rejected the scrape
   */
  public Report store(
      Appendable store,
      long scrapeMillis,
      List<ScrapedSample> samples,
      double durationSeconds,
      @Nullable String scrapeError) {
    String error = scrapeError;
    Appender app = store.appender();
    Set<Labels> seen = new HashSet<>();
    int[] counts = {0, 0};
    if (error == null) {
      try {
        counts = appendSamples(app, scrapeMillis, samples, seen);
      } catch (LimitException e) {
        app.rollback();
        app = store.appender();
        error = e.getMessage();
        seen.clear();
        counts = new int[] {0, 0};
      }
    }
    int stored = counts[0];
    int added = counts[1];
    for (Labels gone : previous) {
      if (!seen.contains(gone)) {
        appendQuietly(app, gone, scrapeMillis, StaleNaN.VALUE);
      }
    }
    previous = seen;
    report(app, scrapeMillis, error == null, durationSeconds, samples.size(), stored, added);
    app.commit();
    return new Report(samples.size(), stored, added, error);
  }

  /** The target went away: every series it had, its report included, gets a staleness marker. */
  public void markStale(Appendable store, long millis) {
    Appender app = store.appender();
    for (Labels l : previous) {
      appendQuietly(app, l, millis, StaleNaN.VALUE);
    }
    for (String name : REPORT_NAMES) {
      appendQuietly(app, withName(target, name), millis, StaleNaN.VALUE);
    }
    previous = new HashSet<>();
    app.commit();
  }

  private static final String[] REPORT_NAMES = {
    "up",
    "scrape_duration_seconds",
    "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling",
    "scrape_series_added"
  };

  /**
   * Appends the samples; {@code tracked} collects the series written at scrape time (a sample with
   * an honored timestamp of its own is not tracked for staleness, as in Prometheus).
   *
   * @return {@code [stored, seriesAdded]}
   */
  private int[] appendSamples(
      Appender app, long scrapeMillis, List<ScrapedSample> samples, Set<Labels> tracked)
      throws LimitException {
    int stored = 0;
    int added = 0;
    for (ScrapedSample s : samples) {
      Optional entry = cache.get(s.labels());
      boolean isNew = entry == null;
      if (entry == null) {
        entry = new Optional(metricRelabel.apply(merge(s.labels())));
        cache.put(s.labels(), entry);
      }
      Labels l = entry.labels();
      if (l == null) {
        continue;
      }
      checkLabelLimits(l);
      if (options.sampleLimit() > 0 && stored >= options.sampleLimit()) {
        throw new LimitException("sample limit exceeded");
      }
      stored++;
      boolean ownTime =
          options.honorTimestamps() && s.timestampMillis() != ScrapedSample.NO_TIMESTAMP;
      if (appendQuietly(app, l, ownTime ? s.timestampMillis() : scrapeMillis, s.value()) && isNew) {
        added++;
      }
      if (!ownTime) {
        tracked.add(l);
      }
    }
    return new int[] {stored, added};
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
    double[] values = {up ? 1 : 0, durationSeconds, scraped, stored, added};
    for (int i = 0; i < REPORT_NAMES.length; i++) {
      appendQuietly(app, withName(target, REPORT_NAMES[i]), t, values[i]);
    }
  }

  private static Labels withName(Labels l, String name) {
    return l.toBuilder().add(Labels.METRIC_NAME, name).build();
  }

  /** Appends, treating a rejected sample (out of order, duplicate) as Prometheus does: skipped. */
  private static boolean appendQuietly(Appender app, Labels l, long t, double v) {
    try {
      app.append(l, t, v);
      return true;
    } catch (SampleRejectedException e) {
      return false;
    }
  }

  /** A scrape over one of its limits. */
  private static final class LimitException extends Exception {
    LimitException(String message) {
      super(message, null, false, false);
    }
  }
}
