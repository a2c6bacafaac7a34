package io.moraine.rules.group;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.DuplicateSampleException;
import io.moraine.core.storage.OutOfBoundsSampleException;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.promql.value.Sample;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one rule's output with one appender: the samples, stale markers for the series it wrote
 * last time and not now, then commit. Not thread-safe; one per rule evaluation.
 */
final class OutputWriter {
  private static final Logger LOG = LoggerFactory.getLogger(OutputWriter.class);

  /** What the append left: the series written, and the first error, if any. */
  record Outcome(@Nullable Set<Labels> written, @Nullable String error) {}

  private OutputWriter() {}

  /**
   * Writes {@code samples} and marks stale each of {@code previous} that is not among them, at
   * {@code staleAtMillis}.
   *
   * @return the series written (null when the commit failed, so the previous set stays) and the
   *     first error (a rejected sample or the failed commit)
   */
  static Outcome write(
      Appendable appendable,
      String groupKey,
      String rule,
      List<Sample> samples,
      Set<Labels> previous,
      long staleAtMillis) {
    Appender app = appendable.appender();
    Set<Labels> written = new HashSet<>(samples.size() * 2);
    String error = null;
    int rejected = 0;
    for (Sample s : samples) {
      try {
        app.append(s.labels(), s.t(), s.v());
        written.add(s.labels());
      } catch (SampleRejectedException e) {
        rejected++;
        if (error == null) {
          error = e.getMessage();
        }
      }
    }
    if (rejected > 0) {
      LOG.atWarn()
          .addKeyValue("group", groupKey)
          .addKeyValue("rule", rule)
          .addKeyValue("num_dropped", rejected)
          .addKeyValue("err", error)
          .log("Rule evaluation result discarded");
    }
    for (Labels lset : previous) {
      if (!written.contains(lset)) {
        appendStale(app, groupKey, lset, staleAtMillis);
      }
    }
    try {
      app.commit();
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("group", groupKey)
          .addKeyValue("rule", rule)
          .addKeyValue("err", e.toString())
          .log("Rule sample appending failed");
      return new Outcome(null, String.valueOf(e.getMessage()));
    }
    return new Outcome(written, error);
  }

  /**
   * Writes stale markers for series whose rules or groups are gone.
   *
   * @return whether the commit succeeded
   */
  static boolean markStale(
      Appendable appendable, String groupKey, Collection<Labels> series, long atMillis) {
    Appender app = appendable.appender();
    for (Labels lset : series) {
      appendStale(app, groupKey, lset, atMillis);
    }
    try {
      app.commit();
      return true;
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("group", groupKey)
          .addKeyValue("err", e.toString())
          .log("Stale sample appending for previous configuration failed");
      return false;
    }
  }

  private static void appendStale(Appender app, String groupKey, Labels lset, long atMillis) {
    try {
      app.append(lset, atMillis, StaleNaN.VALUE);
    } catch (OutOfOrderSampleException
        | DuplicateSampleException
        | OutOfBoundsSampleException expected) {
      // Expected when another rule now writes the series.
    } catch (SampleRejectedException e) {
      LOG.atWarn()
          .addKeyValue("group", groupKey)
          .addKeyValue("series", lset)
          .addKeyValue("err", e.getMessage())
          .log("Adding stale sample failed");
    }
  }
}
