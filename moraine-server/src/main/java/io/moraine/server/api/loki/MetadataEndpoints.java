package io.moraine.server.api.loki;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.LogIndexStats;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.time.Clock;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.LogSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code /loki/api/v1/labels}, {@code label/<name>/values}, {@code series} and {@code index/stats},
 * answered from the store's index through {@link LogQueryable}, with Loki 2.9's parameters ({@code
 * start}, {@code end}, {@code since}, {@code query}, {@code match[]}).
 */
final class MetadataEndpoints {
  private final LogQueryable store;
  private final LogQueries queries;
  private final Clock clock;

  MetadataEndpoints(LogQueryable store, LogQueries queries, Clock clock) {
    this.store = store;
    this.queries = queries;
    this.clock = clock;
  }

  LokiService.Body labels(LokiRequest r) {
    long[] b = r.params().bounds(nowNanos());
    List<Matcher> matchers = matchers(r.params().get("query"));
    List<String> names;
    try (LogQuerier q = store.querier(r.tenant(), b[0], b[1])) {
      names = q.labelNames(matchers);
    }
    return g -> LokiJson.writeLabelResponse(g, names);
  }

  LokiService.Body labelValues(LokiRequest r) {
    String name = r.pathParam("name");
    long[] b = r.params().bounds(nowNanos());
    List<Matcher> matchers = matchers(r.params().get("query"));
    List<String> values;
    try (LogQuerier q = store.querier(r.tenant(), b[0], b[1])) {
      values = q.labelValues(name, matchers);
    }
    return g -> LokiJson.writeLabelResponse(g, values);
  }

  LokiService.Body series(LokiRequest r) {
    long[] b = r.params().bounds(nowNanos());
    TreeSet<String> groups = new TreeSet<>(r.params().all("match"));
    groups.addAll(r.params().all("match[]"));
    if (groups.size() == 1 && groups.first().replace(" ", "").equals("{}")) {
      groups.clear();
    }
    TreeSet<Labels> out = new TreeSet<>();
    try (LogQuerier q = store.querier(r.tenant(), b[0], b[1])) {
      if (groups.isEmpty()) {
        out.addAll(q.series(List.of()));
      }
      for (String group : groups) {
        out.addAll(q.series(selector(group)));
      }
    }
    List<Labels> series = new ArrayList<>(out);
    return g -> LokiJson.writeSeriesResponse(g, series);
  }

  LokiService.Body indexStats(LokiRequest r) {
    QueryEndpoints.RangeParams p = QueryEndpoints.RangeParams.of(r.params(), nowNanos());
    List<Matcher> matchers = selector(p.query());
    LogIndexStats s;
    try (LogQuerier q = store.querier(r.tenant(), p.startNanos(), p.endNanos())) {
      s = q.stats(matchers);
    }
    return g -> {
      g.writeStartObject();
      g.writeNumberField("streams", s.streams());
      g.writeNumberField("chunks", s.chunks());
      g.writeNumberField("bytes", s.bytes());
      g.writeNumberField("entries", s.entries());
      g.writeEndObject();
    };
  }

  /** The matchers of an optional {@code query} (none when empty). */
  private List<Matcher> matchers(String query) {
    return query.isEmpty() ? List.of() : selector(query);
  }

  /** A stream selector with no pipeline, as Loki's {@code syntax.ParseMatchers}. */
  private List<Matcher> selector(String query) {
    Expr expr = queries.parse(query);
    if (!(expr instanceof LogSelector s) || !s.stages().isEmpty()) {
      throw new IllegalArgumentException("only label matchers is supported");
    }
    return s.matchers();
  }

  private long nowNanos() {
    return Math.multiplyExact(clock.nowMillis(), 1_000_000L);
  }
}
