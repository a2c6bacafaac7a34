package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Queryable;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.promql.parser.ParseException;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code /api/v1/series}, {@code /api/v1/labels} and {@code /api/v1/label/<name>/values}: metadata
 * lookups through the store's {@link Querier}, without the engine. {@code start} and {@code end}
 * default to Prometheus' minimum and maximum times.
 */
final class SeriesEndpoints {
  private final Supplier<? extends Queryable> store;

  SeriesEndpoints(Supplier<? extends Queryable> store) {
    this.store = store;
  }

  /** The series matching any {@code match[]} (required), sorted, each once. */
  JsonData series(Params p, ServiceRequestContext ctx) {
    List<String> match = p.all("match[]");
    if (match.isEmpty()) {
      throw new ApiException(ErrorType.BAD_DATA, "no match[] parameter provided");
    }
    long start = ParamErrors.optionalTime(p, "start", PromTimes.MIN_TIME_MILLIS);
    long end = ParamErrors.optionalTime(p, "end", PromTimes.MAX_TIME_MILLIS);
    List<Matcher[]> sets;
    try {
      sets = Selectors.parse(match);
    } catch (ParseException | IllegalArgumentException e) {
      throw ParamErrors.invalidParam("match[]", String.valueOf(e.getMessage()));
    }
    Collection<Labels> found = sets.size() == 1 ? new ArrayList<>() : new TreeSet<>();
    try (Querier q = store.get().querier(start, end)) {
      SelectHints hints = new SelectHints(start, end);
      for (Matcher[] set : sets) {
        SeriesSet ss = q.select(true, hints, set);
        while (ss.next()) {
          found.add(ss.at().labels());
        }
      }
    }
    return g -> {
      g.writeStartArray();
      for (Labels l : found) {
        ApiJson.writeLabels(g, l);
      }
      g.writeEndArray();
    };
  }

  /** Label names, of every series or of those matching any {@code match[]}, sorted. */
  JsonData labelNames(Params p, ServiceRequestContext ctx) {
    long start = ParamErrors.optionalTime(p, "start", PromTimes.MIN_TIME_MILLIS);
    long end = ParamErrors.optionalTime(p, "end", PromTimes.MAX_TIME_MILLIS);
    List<Matcher[]> sets = optionalSelectors(p);
    List<String> names;
    try (Querier q = store.get().querier(start, end)) {
      // Sorted by UTF-8 bytes, as Prometheus answers.
      TreeSet<String> union = new TreeSet<>(Labels::compareUtf8);
      if (sets.isEmpty()) {
        union.addAll(q.labelNames());
      } else {
        for (Matcher[] set : sets) {
          union.addAll(q.labelNames(set));
        }
      }
      names = List.copyOf(union);
    }
    return g -> writeStrings(g, names);
  }

  /** The values of one label, of every series or of those matching any {@code match[]}. */
  JsonData labelValues(Params p, ServiceRequestContext ctx) {
    String name = ctx.pathParam("name");
    if (name == null || !LabelValidation.isValidLabelName(name)) {
      throw new ApiException(
          ErrorType.BAD_DATA, "invalid label name: " + GoQuote.quote(name == null ? "" : name));
    }
    long start = ParamErrors.optionalTime(p, "start", PromTimes.MIN_TIME_MILLIS);
    long end = ParamErrors.optionalTime(p, "end", PromTimes.MAX_TIME_MILLIS);
    List<Matcher[]> sets = optionalSelectors(p);
    TreeSet<String> values = new TreeSet<>(Labels::compareUtf8); // UTF-8 byte order, as Go's
    try (Querier q = store.get().querier(start, end)) {
      if (sets.isEmpty()) {
        values.addAll(q.labelValues(name));
      } else {
        for (Matcher[] set : sets) {
          values.addAll(q.labelValues(name, set));
        }
      }
    }
    return g -> writeStrings(g, values);
  }

  /** {@code match[]} of labels and label values: optional, errors answered without a prefix. */
  private static List<Matcher[]> optionalSelectors(Params p) {
    try {
      return Selectors.parse(p.all("match[]"));
    } catch (ParseException | IllegalArgumentException e) {
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
  }

  private static void writeStrings(JsonGenerator g, Collection<String> values) throws IOException {
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
