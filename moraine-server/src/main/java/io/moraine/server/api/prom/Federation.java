package io.moraine.server.api.prom;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Queryable;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.promql.parser.GoText;
import io.moraine.promql.parser.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /federate?match[]=...}: the newest sample (within the lookback delta, staleness
 * markers left out) of every series matching any selector, in the Prometheus text format, grouped
 * by metric name with {@code untyped} types, original labels kept (for a scraper with {@code
 * honor_labels: true}) and the external labels appended where a series lacks them, as Prometheus
 * 2.42 federates. Thread-safe.
 */
public final class Federation implements HttpService {
  private static final MediaType TEXT = MediaType.parse(TextWriter.CONTENT_TYPE);

  private final Supplier<Queryable> store;
  private final Clock clock;
  private final long lookbackMillis;
  private final Labels externalLabels;
  private final Executor executor;

  /**
   * @param lookbackMillis how old a series' newest sample may be (the query lookback delta)
   * @param externalLabels added to each series that does not have the label
   */
  public Federation(
      Supplier<Queryable> store,
      Clock clock,
      long lookbackMillis,
      Labels externalLabels,
      Executor executor) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lookbackMillis = lookbackMillis;
    this.externalLabels = Objects.requireNonNull(externalLabels, "externalLabels");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.POST) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    return HttpResponse.of(
        req.aggregate().thenApplyAsync(agg -> answer(agg, ctx.query()), executor));
  }

  private HttpResponse answer(AggregatedHttpRequest agg, @Nullable String rawQuery) {
    List<Matcher[]> sets;
    try {
      sets = Selectors.parse(Params.of(agg, rawQuery).all("match[]"));
    } catch (ParseException | IllegalArgumentException e) {
      return HttpResponse.of(
          HttpStatus.BAD_REQUEST,
          MediaType.PLAIN_TEXT_UTF_8,
          String.valueOf(e.getMessage()) + "\n");
    }
    long now = clock.nowMillis();
    List<Sample> samples = newest(sets, now - lookbackMillis, now);
    return HttpResponse.of(HttpStatus.OK, TEXT, render(samples).getBytes(StandardCharsets.UTF_8));
  }

  private record Sample(Labels labels, String name, long t, double v) {}

  /** The newest sample of each matching series, each series once, ordered by metric name. */
  private List<Sample> newest(List<Matcher[]> sets, long mint, long maxt) {
    Map<Labels, Sample> found = new LinkedHashMap<>();
    try (Querier q = store.get().querier(mint, maxt)) {
      SampleIterator it = null;
      for (Matcher[] set : sets) {
        SeriesSet ss = q.select(true, new SelectHints(mint, maxt), set);
        while (ss.next()) {
          Series s = ss.at();
          String name = s.labels().metricName();
          if (name == null || found.containsKey(s.labels())) {
            continue; // a nameless series cannot be written in the text format
          }
          it = s.iterator(it);
          boolean have = false;
          long t = 0;
          double v = 0;
          if (it.seek(mint)) {
            do {
              if (it.atT() > maxt) {
                break;
              }
              have = true;
              t = it.atT();
              v = it.atV();
            } while (it.next());
          }
          if (have && !StaleNaN.isStale(v)) {
            found.put(s.labels(), new Sample(s.labels(), name, t, v));
          }
        }
      }
    }
    List<Sample> out = new ArrayList<>(found.values());
    out.sort(Comparator.comparing(Sample::name, Labels::compareUtf8));
    return out;
  }

  private String render(List<Sample> samples) {
    StringBuilder sb = new StringBuilder(samples.size() * 96);
    String family = null;
    for (Sample s : samples) {
      if (!s.name().equals(family)) {
        family = s.name();
        sb.append("# TYPE ").append(family).append(" untyped\n");
      }
      sb.append(family);
      boolean first = true;
      for (int i = 0; i < s.labels().size(); i++) {
        String n = s.labels().name(i);
        if (!n.equals(Labels.METRIC_NAME)) {
          first = label(sb, first, n, s.labels().value(i));
        }
      }
      for (int i = 0; i < externalLabels.size(); i++) {
        String n = externalLabels.name(i);
        if (s.labels().get(n) == null) {
          first = label(sb, first, n, externalLabels.value(i));
        }
      }
      if (!first) {
        sb.append('}');
      }
      sb.append(' ').append(GoText.formatFloat(s.v())).append(' ').append(s.t()).append('\n');
    }
    return sb.toString();
  }

  private static boolean label(StringBuilder sb, boolean first, String name, String value) {
    sb.append(first ? '{' : ',').append(name).append("=\"");
    Labels.appendEscaped(sb, value);
    sb.append('"');
    return false;
  }
}
