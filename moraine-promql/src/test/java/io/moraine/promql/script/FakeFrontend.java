package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Queryable;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Durations;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.FunctionSignature;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.StringLiteral;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.engine.QueryException;
import io.moraine.promql.parser.GoNumbers;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.promql.value.SeriesPoints;
import io.moraine.promql.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A tiny PromQL for testing the runner without the real parser and engine: number and string
 * literals, {@code name}, {@code name{a="b",...}} and {@code name[5m]} selectors (2.42 semantics:
 * 5m lookback, stale markers end a series, {@code @} honoured), and three calls: {@code time()},
 * {@code fail()} (a query error) and {@code crash()} (an engine bug). Switches make it misbehave
 * the ways the runner must catch.
 */
final class FakeFrontend implements QueryFrontend {
  private static final long LOOKBACK = 5 * 60_000;
  private static final Pattern SELECTOR =
      Pattern.compile("([a-z_:]+)(?:\\{([^}]*)\\})?(?:\\[([0-9a-z]+)\\])?");

  /** Selectors ignore their {@code @} time. */
  boolean ignoreAt;

  /** Range queries answer nothing. */
  boolean emptyRanges;

  /** Instant vectors come in reverse label order. */
  boolean reverseOrder;

  @Override
  public Expr parse(String query) {
    OptionalDouble n = GoNumbers.parse(query);
    if (n.isPresent()) {
      return new NumberLiteral(n.getAsDouble(), PosRange.NONE);
    }
    if (query.length() >= 2 && query.startsWith("\"") && query.endsWith("\"")) {
      return new StringLiteral(query.substring(1, query.length() - 1), PosRange.NONE);
    }
    if (query.endsWith("()")) {
      String name = query.substring(0, query.length() - 2);
      return new Call(
          new FunctionSignature(name, List.of(), 0, ValueType.SCALAR), List.of(), PosRange.NONE);
    }
    java.util.regex.Matcher m = SELECTOR.matcher(query);
    if (!m.matches()) {
      throw new ParseException(1, 1, "fake parser cannot read " + query);
    }
    List<Matcher> matchers = new ArrayList<>();
    matchers.add(Matcher.eq(Labels.METRIC_NAME, m.group(1)));
    if (m.group(2) != null && !m.group(2).isBlank()) {
      for (String kv : m.group(2).split(",")) {
        String[] p = kv.split("=", 2);
        matchers.add(Matcher.eq(p[0].strip(), p[1].strip().replace("\"", "")));
      }
    }
    VectorSelector vs = new VectorSelector(m.group(1), matchers, 0, null, PosRange.NONE);
    if (m.group(3) != null) {
      return new MatrixSelector(vs, Durations.parseMillis(m.group(3)), PosRange.NONE);
    }
    return vs;
  }

  @Override
  public QueryValue instant(Queryable db, Expr expr, long t) {
    return switch (expr) {
      case NumberLiteral n -> new Scalar(t, n.value());
      case StringLiteral s -> new StringValue(t, s.value());
      case Call c ->
          switch (c.func().name()) {
            case "time" -> new Scalar(t, t / 1000.0);
            case "fail" -> throw new QueryException.Execution("boom");
            default -> throw new IllegalStateException("BUG: fake engine crashed");
          };
      case VectorSelector vs -> vector(db, vs, t);
      case MatrixSelector ms -> matrix(db, ms, t);
      default -> throw new IllegalStateException("BUG: not in the fake language: " + expr);
    };
  }

  @Override
  public RangeMatrix range(Queryable db, Expr expr, long start, long end, long step) {
    Map<Labels, List<double[]>> points = new TreeMap<>();
    for (long t = start; t <= end && !emptyRanges; t += step) {
      QueryValue v = instant(db, expr, t);
      switch (v) {
        case Scalar s ->
            points.computeIfAbsent(Labels.EMPTY, k -> new ArrayList<>()).add(pt(t, s.v()));
        case InstantVector iv -> {
          for (Sample s : iv.samples()) {
            points.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(pt(t, s.v()));
          }
        }
        default -> throw new QueryException.BadData("range query of a " + v.type().docName());
      }
    }
    List<SeriesPoints> out = new ArrayList<>();
    points.forEach(
        (labels, ps) -> {
          long[] ts = new long[ps.size()];
          double[] vs = new double[ps.size()];
          for (int i = 0; i < ps.size(); i++) {
            ts[i] = (long) ps.get(i)[0];
            vs[i] = ps.get(i)[1];
          }
          out.add(new SeriesPoints(labels, ts, vs, ts.length));
        });
    return new RangeMatrix(out);
  }

  private static double[] pt(long t, double v) {
    return new double[] {t, v};
  }

  private long refTime(VectorSelector vs, long t) {
    At at = vs.at();
    return at != null && !ignoreAt ? at.millis() : t;
  }

  private InstantVector vector(Queryable db, VectorSelector vs, long t) {
    long ref = refTime(vs, t);
    List<Sample> out = new ArrayList<>();
    try (Querier q = db.querier(ref - LOOKBACK, ref)) {
      SeriesSet set = q.select(true, SelectHints.NONE, vs.matchers().toArray(Matcher[]::new));
      while (set.next()) {
        SampleIterator it = set.at().iterator(null);
        double last = Double.NaN;
        boolean any = false;
        while (it.next()) {
          last = it.atV();
          any = true;
        }
        if (any && !StaleNaN.isStale(last)) {
          out.add(new Sample(set.at().labels(), t, last));
        }
      }
    }
    return new InstantVector(reverseOrder ? out.reversed() : out);
  }

  private RangeMatrix matrix(Queryable db, MatrixSelector ms, long t) {
    long ref = refTime(ms.selector(), t);
    List<SeriesPoints> out = new ArrayList<>();
    try (Querier q = db.querier(ref - ms.rangeMillis(), ref)) {
      SeriesSet set =
          q.select(true, SelectHints.NONE, ms.selector().matchers().toArray(Matcher[]::new));
      while (set.next()) {
        List<double[]> ps = new ArrayList<>();
        SampleIterator it = set.at().iterator(null);
        while (it.next()) {
          if (!StaleNaN.isStale(it.atV())) {
            ps.add(pt(it.atT(), it.atV()));
          }
        }
        long[] ts = ps.stream().mapToLong(p -> (long) p[0]).toArray();
        double[] vs = ps.stream().mapToDouble(p -> p[1]).toArray();
        out.add(new SeriesPoints(set.at().labels(), ts, vs, ts.length));
      }
    }
    return new RangeMatrix(out);
  }
}
