package io.moraine.ingest.push;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes groups into the store: their samples plus the two push-time gauges, and staleness markers
 * for series a change dropped. Callers serialise calls (the registry's lock).
 */
final class GroupAppender {
  private static final Logger LOG = LoggerFactory.getLogger(GroupAppender.class);

  private final Appendable store;
  private final AtomicLong failures = new AtomicLong();

  GroupAppender(Appendable store) {
    this.store = store;
  }

  /** {@code f} with the grouping key's labels set on every sample (empty values remove). */
  static MetricFamily sanitize(MetricFamily f, GroupingKey key) {
    List<PushedSample> out = new ArrayList<>(f.samples().size());
    for (PushedSample s : f.samples()) {
      Labels.Builder b = s.labels().toBuilder();
      key.labels().forEach(b::add);
      out.add(new PushedSample(b.build(), s.value()));
    }
    return new MetricFamily(f.name(), f.type(), f.help(), out);
  }

  /** Every sample {@code g} exposes, the push-time gauges (Unix seconds) included. */
  static List<PushedSample> samplesOf(PushGroup g) {
    List<PushedSample> out = new ArrayList<>();
    for (MetricFamily f : g.families().values()) {
      out.addAll(f.samples());
    }
    out.add(gauge(g.key(), PushGroup.PUSH_TIME, g.pushTimeMillis()));
    out.add(gauge(g.key(), PushGroup.FAILURE_TIME, g.failureTimeMillis()));
    return out;
  }

  private static PushedSample gauge(GroupingKey key, String name, long millis) {
    Labels.Builder b = Labels.builder().add(Labels.METRIC_NAME, name);
    key.labels().forEach(b::add);
    return new PushedSample(b.build(), millis / 1000.0);
  }

  /**
   * Appends {@code next}'s samples (if any) and staleness markers for the series of {@code old}
   * that {@code next} lacks, at {@code t}, and commits.
   */
  void replace(@Nullable PushGroup old, @Nullable PushGroup next, long t) {
    Appender a = store.appender();
    boolean done = false;
    try {
      Set<Labels> kept = new HashSet<>();
      if (next != null) {
        for (PushedSample s : samplesOf(next)) {
          kept.add(s.labels());
          append(a, s.labels(), t, s.value());
        }
      }
      if (old != null) {
        for (PushedSample s : samplesOf(old)) {
          if (!kept.contains(s.labels())) {
            append(a, s.labels(), t, StaleNaN.VALUE);
          }
        }
      }
      a.commit();
      done = true;
    } finally {
      if (!done) {
        a.rollback();
      }
    }
  }

  /** Appends the current samples of all {@code groups} at {@code t} in one batch. */
  void appendAll(Collection<PushGroup> groups, long t) {
    if (groups.isEmpty()) {
      return;
    }
    Appender a = store.appender();
    boolean done = false;
    try {
      for (PushGroup g : groups) {
        for (PushedSample s : samplesOf(g)) {
          append(a, s.labels(), t, s.value());
        }
      }
      a.commit();
      done = true;
    } finally {
      if (!done) {
        a.rollback();
      }
    }
  }

  private void append(Appender a, Labels l, long t, double v) {
    try {
      a.append(l, t, v);
    } catch (SampleRejectedException e) {
      failures.incrementAndGet();
      LOG.atDebug()
          .addKeyValue("series", l)
          .addKeyValue("reason", e.reason())
          .log("store refused a pushed sample");
    }
  }

  void countFailure() {
    failures.incrementAndGet();
  }

  long failures() {
    return failures.get();
  }
}
