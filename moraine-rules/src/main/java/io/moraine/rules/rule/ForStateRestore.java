package io.moraine.rules.rule;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores alerts' {@code activeAt} from their last {@code ALERTS_FOR_STATE} sample, with
 * Prometheus 2.42's rules: an alert that was already past {@code for} keeps its stored activeAt;
 * one that would fire within the grace period after the restart fires at {@code ts + grace}; any
 * other gets the downtime added to its pending time. One per rule and restore; not thread-safe.
 */
final class ForStateRestore {
  private static final Logger LOG = LoggerFactory.getLogger(ForStateRestore.class);

  private final Querier querier;
  private final long ts;
  private final long graceMillis;
  private final long holdMillis;

  ForStateRestore(Querier querier, long ts, long graceMillis, long holdMillis) {
    this.querier = querier;
    this.ts = ts;
    this.graceMillis = graceMillis;
    this.holdMillis = holdMillis;
  }

  /** Restores {@code a} from the series with exactly {@code forStateLabels}, when there is one. */
  void restore(ActiveAlert a, Labels forStateLabels) {
    Matcher[] matchers = new Matcher[forStateLabels.size()];
    for (int i = 0; i < matchers.length; i++) {
      matchers[i] = Matcher.eq(forStateLabels.name(i), forStateLabels.value(i));
    }
    SeriesSet set = querier.select(false, SelectHints.NONE, matchers);
    while (set.next()) {
      Series s = set.at();
      if (s.labels().equals(forStateLabels)) {
        restoreFrom(a, s.iterator(null));
        return;
      }
    }
  }

  private void restoreFrom(ActiveAlert a, SampleIterator it) {
    long t = 0;
    double v = Double.NaN;
    boolean any = false;
    while (it.next()) {
      t = it.atT();
      v = it.atV();
      any = true;
    }
    if (!any || StaleNaN.isStale(v)) {
      return; // the alert was not active when the server went down
    }
    long downAt = Math.floorDiv(t, 1000L) * 1000L;
    long activeAt = (long) v * 1000L;
    long remaining = holdMillis - (downAt - activeAt);
    if (remaining <= 0) {
      // It was firing: the next evaluation fires it again if it still holds.
    } else if (remaining < graceMillis) {
      activeAt = ts + graceMillis - holdMillis;
    } else {
      activeAt += ts - downAt;
    }
    a.activeAtMillis = activeAt;
    LOG.atDebug()
        .addKeyValue("labels", a.labels)
        .addKeyValue("active_at_ms", activeAt)
        .log("'for' state restored");
  }
}
