package io.moraine.server.api.loki;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogReadStats;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.core.time.Durations;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.NumberLiteral;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.engine.QueryResult;
import io.moraine.testkit.logs.ReferenceLogStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A stand-in for the LogQL parser and engine over a {@link ReferenceLogStore}: understands stream
 * selectors ({@code {a="b", c=~"x"}}), {@code count_over_time(<selector>[<range>])} and numbers;
 * anything else is a parse error in Loki's words. Remembers the last call's arguments.
 */
final class FakeLogQueries implements LogQueries {
  private static final Pattern MATCHER =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"\\s*");
  private static final Pattern COUNT =
      Pattern.compile("count_over_time\\((\\{.*\\})\\[([0-9a-z]+)\\]\\)");

  /** One entry of a scan. */
  private record Logged(Labels stream, long timestampNanos, String line) {}

  private final ReferenceLogStore logs;
  volatile long lastStart;
  volatile long lastEnd;
  volatile long lastStep;
  volatile long lastInterval;
  volatile int lastLimit;
  volatile Direction lastDirection = Direction.FORWARD;
  volatile long delayMillis;

  FakeLogQueries(ReferenceLogStore logs) {
    this.logs = logs;
  }

  @Override
  public Expr parse(String query) {
    String q = query.strip();
    java.util.regex.Matcher count = COUNT.matcher(q);
    if (count.matches()) {
      long range = Durations.parseMillis(count.group(2)) * 1_000_000L;
      return new RangeAggregation(
          RangeOp.COUNT_OVER_TIME,
          new LogRange(selector(count.group(1)), range, 0, null),
          null,
          null);
    }
    if (q.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return new NumberLiteral(Double.parseDouble(q));
    }
    return selector(q);
  }

  private static LogSelector selector(String q) {
    if (!q.startsWith("{") || !q.endsWith("}")) {
      throw new IllegalArgumentException(
          "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER");
    }
    List<Matcher> matchers = new ArrayList<>();
    String body = q.substring(1, q.length() - 1);
    for (String part : body.split(",")) {
      java.util.regex.Matcher m = MATCHER.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "parse error at line 1, col 2: syntax error: unexpected }, expecting IDENTIFIER");
      }
      matchers.add(
          switch (m.group(2)) {
            case "=" -> Matcher.eq(m.group(1), m.group(3));
            case "!=" -> Matcher.neq(m.group(1), m.group(3));
            case "=~" -> Matcher.re(m.group(1), m.group(3));
            default -> Matcher.nre(m.group(1), m.group(3));
          });
    }
    return new LogSelector(matchers, List.of());
  }

  @Override
  public QueryResult instant(
      String tenant,
      Expr expr,
      long timeNanos,
      int limit,
      Direction direction,
      LogReadStats stats) {
    record(timeNanos, timeNanos, 0, 0, limit, direction);
    return switch (expr) {
      case LogSelector s ->
          streams(tenant, s, timeNanos - 3_600_000_000_000L, timeNanos, limit, direction, stats);
      case RangeAggregation r -> {
        List<QueryResult.Sample> out = new ArrayList<>();
        counts(tenant, r, timeNanos, stats)
            .forEach((l, n) -> out.add(new QueryResult.Sample(l, timeNanos / 1_000_000, n)));
        yield new QueryResult.Vector(out);
      }
      case NumberLiteral n -> new QueryResult.Scalar(timeNanos / 1_000_000, n.value());
      default -> throw new IllegalArgumentException("unsupported by the fake: " + expr);
    };
  }

  @Override
  public QueryResult range(
      String tenant,
      Expr expr,
      long startNanos,
      long endNanos,
      long stepNanos,
      long intervalNanos,
      int limit,
      Direction direction,
      LogReadStats stats) {
    record(startNanos, endNanos, stepNanos, intervalNanos, limit, direction);
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return switch (expr) {
      case LogSelector s -> streams(tenant, s, startNanos, endNanos, limit, direction, stats);
      case RangeAggregation r -> {
        Map<Labels, List<long[]>> points = new TreeMap<>();
        for (long t = startNanos; t <= endNanos; t += stepNanos) {
          long at = t;
          counts(tenant, r, t, stats)
              .forEach(
                  (l, n) ->
                      points.computeIfAbsent(l, k -> new ArrayList<>()).add(new long[] {at, n}));
        }
        List<QueryResult.RangeSeries> out = new ArrayList<>();
        points.forEach(
            (l, ps) -> {
              long[] ts = new long[ps.size()];
              double[] vs = new double[ps.size()];
              for (int i = 0; i < ps.size(); i++) {
                ts[i] = ps.get(i)[0] / 1_000_000;
                vs[i] = ps.get(i)[1];
              }
              out.add(new QueryResult.RangeSeries(l, ts, vs));
            });
        yield new QueryResult.Matrix(out);
      }
      default -> throw new IllegalArgumentException("unsupported by the fake: " + expr);
    };
  }

  private void record(long start, long end, long step, long interval, int limit, Direction d) {
    lastStart = start;
    lastEnd = end;
    lastStep = step;
    lastInterval = interval;
    lastLimit = limit;
    lastDirection = d;
  }

  private QueryResult streams(
      String tenant,
      LogSelector s,
      long start,
      long end,
      int limit,
      Direction direction,
      LogReadStats stats) {
    List<Logged> es = scan(tenant, s.matchers(), start, end);
    count(es, stats);
    if (direction == Direction.BACKWARD) {
      Collections.reverse(es);
    }
    Map<Labels, List<QueryResult.Entry>> byStream = new LinkedHashMap<>();
    for (Logged e : es.subList(0, Math.min(limit, es.size()))) {
      byStream
          .computeIfAbsent(e.stream(), k -> new ArrayList<>())
          .add(new QueryResult.Entry(e.timestampNanos(), e.line()));
    }
    List<QueryResult.Stream> out = new ArrayList<>();
    byStream.forEach((l, entries) -> out.add(new QueryResult.Stream(l, entries)));
    return new QueryResult.Streams(out);
  }

  private Map<Labels, Long> counts(String tenant, RangeAggregation r, long t, LogReadStats stats) {
    LogRange range = r.range();
    List<Logged> es = scan(tenant, range.selector().matchers(), t - range.rangeNanos() + 1, t);
    count(es, stats);
    Map<Labels, Long> out = new TreeMap<>();
    for (Logged e : es) {
      out.merge(e.stream(), 1L, Long::sum);
    }
    return out;
  }

  /** The tenant's entries of matching streams in {@code [min, max]}, in time order. */
  private List<Logged> scan(String tenant, List<Matcher> matchers, long min, long max) {
    List<Logged> out = new ArrayList<>();
    try (LogQuerier q = logs.querier(tenant, min, max)) {
      LogStreamSet set = q.select(matchers, LogSelectHints.all(Direction.FORWARD));
      while (set.next()) {
        LogCursor c = set.cursor();
        while (c.next()) {
          out.add(
              new Logged(
                  set.labels(),
                  c.timestampNanos(),
                  new String(
                      c.lineBytes(), c.lineOffset(), c.lineLength(), StandardCharsets.UTF_8)));
        }
      }
    }
    out.sort(Comparator.comparingLong(Logged::timestampNanos));
    return out;
  }

  private static void count(List<Logged> es, LogReadStats stats) {
    for (Logged e : es) {
      stats.headLines++;
      stats.headBytes += e.line().getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
