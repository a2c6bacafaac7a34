package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Queryable;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.promql.parser.ParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/alerts/history}: every alert state change (pending, firing, resolved,
 * silenced) in a time range, read from the {@code ALERTS_HISTORY} series the rule side writes.
 *
 * <p>Parameters: {@code match[]} (series selectors over the alerts' labels and {@code alertstate};
 * a metric name in a selector means {@code alertname}), {@code start} and {@code end} (default: the
 * last 24 hours), {@code limit} (default 10,000; the newest changes are kept when there are more).
 * Answer: {@code {"changes":[{"time","state","labels","value"}...],"truncated":bool}} sorted by
 * time, then labels.
 */
final class AlertHistoryEndpoint {
  static final String METRIC = "ALERTS_HISTORY";
  static final String STATE_LABEL = "alertstate";
  private static final long DAY_MILLIS = 24 * 3_600_000L;
  private static final int DEFAULT_LIMIT = 10_000;

  private final Supplier<? extends Queryable> store;
  private final Clock clock;

  AlertHistoryEndpoint(Supplier<? extends Queryable> store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private record Change(long t, Labels labels, String state, double value) {}

  JsonData history(Params p, ServiceRequestContext ctx) {
    long end = ParamErrors.optionalTime(p, "end", clock.nowMillis());
    long start = ParamErrors.optionalTime(p, "start", end - DAY_MILLIS);
    if (end < start) {
      throw ParamErrors.invalidParam("end", "end timestamp must not be before start time");
    }
    int limit = limit(p.first("limit"));
    List<Matcher[]> sets = selectors(p.all("match[]"));
    List<Change> changes = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    try (Querier q = store.get().querier(start, end)) {
      SelectHints hints = new SelectHints(start, end);
      @Nullable SampleIterator it = null;
      for (Matcher[] set : sets) {
        SeriesSet ss = q.select(false, hints, set);
        while (ss.next()) {
          Labels l = ss.at().labels();
          if (!seen.add(l)) {
            continue;
          }
          String state = l.getOrEmpty(STATE_LABEL);
          Labels alert = l.toBuilder().remove(Labels.METRIC_NAME).remove(STATE_LABEL).build();
          it = ss.at().iterator(it);
          if (!it.seek(start)) {
            continue;
          }
          do {
            long t = it.atT();
            if (t > end) {
              break;
            }
            double v = it.atV();
            if (!StaleNaN.isStale(v)) {
              changes.add(new Change(t, alert, state, v));
            }
          } while (it.next());
        }
      }
    }
    changes.sort(Comparator.comparingLong(Change::t).thenComparing(Change::labels));
    boolean truncated = changes.size() > limit;
    List<Change> out =
        truncated ? changes.subList(changes.size() - limit, changes.size()) : changes;
    return g -> write(g, out, truncated);
  }

  private static void write(JsonGenerator g, List<Change> changes, boolean truncated)
      throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("changes");
    for (Change c : changes) {
      g.writeStartObject();
      g.writeStringField("time", StatusEndpoints.rfc3339Nano(c.t()));
      g.writeStringField("state", c.state());
      g.writeFieldName("labels");
      ApiJson.writeLabels(g, c.labels());
      g.writeStringField("value", ApiJson.sampleValue(c.value()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeBooleanField("truncated", truncated);
    g.writeEndObject();
  }

  private static int limit(String s) {
    if (s.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(s);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ParamErrors.invalidParam("limit", "cannot parse \"" + s + "\" to a positive integer");
  }

  /** The selectors with the history's metric name; a selector's metric name becomes alertname. */
  private static List<Matcher[]> selectors(List<String> match) {
    Matcher name = Matcher.eq(Labels.METRIC_NAME, METRIC);
    if (match.isEmpty()) {
      return List.<Matcher[]>of(new Matcher[] {name});
    }
    List<Matcher[]> parsed;
    try {
      parsed = Selectors.parse(match);
    } catch (ParseException | IllegalArgumentException e) {
      throw ParamErrors.invalidParam("match[]", String.valueOf(e.getMessage()));
    }
    List<Matcher[]> out = new ArrayList<>(parsed.size());
    for (Matcher[] set : parsed) {
      Matcher[] m = new Matcher[set.length + 1];
      m[0] = name;
      for (int i = 0; i < set.length; i++) {
        Matcher x = set[i];
        m[i + 1] =
            x.name().equals(Labels.METRIC_NAME) ? Matcher.of(x.type(), "alertname", x.value()) : x;
      }
      out.add(m);
    }
    return out;
  }
}
