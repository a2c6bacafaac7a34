package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.promql.parser.GoText;
import io.moraine.promql.script.Command.Expected;
import io.moraine.promql.script.Command.ExpectedSeries;
import io.moraine.promql.script.Command.Window;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.promql.value.SeriesPoints;
import io.moraine.promql.value.StringValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares a query result with an eval's expected lines, by Prometheus 2.42's rules: the same set
 * of series (labels exactly equal), each value {@link #almostEqual} to the expected one, for
 * ordered evals each series at its line's position. An instant query that returns a matrix fails
 * unless an {@code expect range vector} line asked for one. Every method returns null for a match,
 * else one line saying what differs.
 */
final class ResultCheck {
  /**
   * Relative tolerance, Prometheus 2.42's {@code epsilon}. The scripts' expected values are written
   * to it: {@code functions.test} expects {@code 3.249615} for √10.56 = 3.2496153…, off by 5.6e-8.
   */
  static final double EPSILON = 1e-6;

  /** How many result elements a message lists. */
  private static final int SHOWN = 10;

  private ResultCheck() {}

  /**
   * Whether two values are equal up to {@link #EPSILON} relative error; NaN equals NaN (the stale
   * marker included), and near zero only an absolute difference below {@code EPSILON} times the
   * smallest normal double passes.
   */
  static boolean almostEqual(double a, double b) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || diff < Double.MIN_NORMAL) {
      return diff < EPSILON * Double.MIN_NORMAL;
    }
    return diff / (Math.abs(a) + Math.abs(b)) < EPSILON;
  }

  /** Checks the result of an instant query. */
  static @Nullable String instant(Expected exp, QueryValue result, boolean ordered) {
    return switch (result) {
      case RangeMatrix m -> {
        Window w = exp.matrix();
        yield w != null
            ? matrix(exp, m, w, ordered)
            : "received range result on instant evaluation: " + describe(m);
      }
      case StringValue s -> {
        String want = exp.string();
        if (want == null) {
          yield "unexpected string result \"" + s.v() + "\"";
        }
        yield want.equals(s.v())
            ? null
            : "expected string \"" + want + "\" but got \"" + s.v() + "\"";
      }
      case Scalar s ->
          exp.string() != null || exp.matrix() != null
              ? "expected " + expectedKind(exp) + " but got scalar " + GoText.formatFloat(s.v())
              : scalar(exp, s.v());
      case InstantVector v ->
          exp.string() != null || exp.matrix() != null
              ? "expected " + expectedKind(exp) + " but got vector " + describe(v.samples())
              : vector(exp, v.samples(), ordered);
    };
  }

  /** Checks a scalar value. */
  static @Nullable String scalar(Expected exp, double v) {
    Double want = exp.scalar();
    if (want == null) {
      return "expected " + expectedKind(exp) + " but got scalar " + GoText.formatFloat(v);
    }
    return almostEqual(want, v)
        ? null
        : "expected scalar " + GoText.formatFloat(want) + " but got " + GoText.formatFloat(v);
  }

  /** Checks an instant vector; {@code ordered} also checks each series' position. */
  static @Nullable String vector(Expected exp, List<Sample> samples, boolean ordered) {
    if (exp.scalar() != null) {
      return "expected scalar "
          + GoText.formatFloat(exp.scalar())
          + " but got vector "
          + describe(samples);
    }
    Map<Labels, ExpectedSeries> byLabels = index(exp);
    Set<Labels> seen = new HashSet<>();
    for (int pos = 0; pos < samples.size(); pos++) {
      Sample s = samples.get(pos);
      ExpectedSeries e = byLabels.get(s.labels());
      if (e == null) {
        return "unexpected metric " + s.labels() + " in result " + describe(samples);
      }
      if (!seen.add(s.labels())) {
        return "metric " + s.labels() + " appears twice in result " + describe(samples);
      }
      if (ordered && e.position() != pos + 1) {
        return "expected metric %s at position %d but it was at %d: %s"
            .formatted(s.labels(), e.position(), pos + 1, describe(samples));
      }
      if (e.values().isEmpty()) {
        return "no expected value for " + s.labels();
      }
      double want = e.values().getFirst().value();
      if (!almostEqual(want, s.v())) {
        return "expected %s for %s but got %s"
            .formatted(GoText.formatFloat(want), s.labels(), GoText.formatFloat(s.v()));
      }
    }
    for (ExpectedSeries e : exp.series()) {
      if (!seen.contains(e.labels())) {
        return "expected metric %s with %s not found in result %s"
            .formatted(e.labels(), e.values(), describe(samples));
      }
    }
    return null;
  }

  /** Checks a matrix whose expected value i lies at {@code w.start + i × w.step}. */
  static @Nullable String matrix(Expected exp, RangeMatrix m, Window w, boolean ordered) {
    if (ordered) {
      return "expected an ordered result, but the query returned a matrix";
    }
    if (exp.scalar() != null) {
      return "expected scalar " + GoText.formatFloat(exp.scalar()) + " but got " + describe(m);
    }
    List<SeriesPoints> series = m.series();
    for (int i = 1; i < series.size(); i++) {
      if (series.get(i - 1).labels().compareTo(series.get(i).labels()) >= 0) {
        return "matrix not sorted by labels or with a series twice: " + describe(m);
      }
    }
    Map<Labels, ExpectedSeries> byLabels = index(exp);
    for (SeriesPoints s : series) {
      ExpectedSeries e = byLabels.get(s.labels());
      if (e == null) {
        return "unexpected metric " + s.labels() + " in result: " + describe(s);
      }
      String diff = points(e, s, w);
      if (diff != null) {
        return diff;
      }
    }
    for (ExpectedSeries e : exp.series()) {
      if (series.stream().noneMatch(s -> s.labels().equals(e.labels()))) {
        return "expected metric %s with %s not found in result %s"
            .formatted(e.labels(), e.values(), describe(m));
      }
    }
    return null;
  }

  private static @Nullable String points(ExpectedSeries e, SeriesPoints s, Window w) {
    int n = 0;
    long[] ts = new long[e.values().size()];
    double[] vs = new double[ts.length];
    for (int i = 0; i < e.values().size(); i++) {
      long t = w.startMillis() + i * w.stepMillis();
      if (t > w.endMillis()) {
        return "expected %d points for %s, but the query range cannot hold that many"
            .formatted(e.values().size(), e.labels());
      }
      SequenceValue v = e.values().get(i);
      if (!v.omitted()) {
        ts[n] = t;
        vs[n++] = v.value();
      }
    }
    if (n != s.size()) {
      return "expected %d points for %s but got %s".formatted(n, e.labels(), describe(s));
    }
    for (int k = 0; k < n; k++) {
      if (ts[k] != s.ts()[k]) {
        return "expected point %d of %s at t=%d but it is at t=%d: %s"
            .formatted(k, e.labels(), ts[k], s.ts()[k], describe(s));
      }
      if (!almostEqual(vs[k], s.vs()[k])) {
        return "expected %s at t=%d for %s but got %s"
            .formatted(GoText.formatFloat(vs[k]), ts[k], e.labels(), GoText.formatFloat(s.vs()[k]));
      }
    }
    return null;
  }

  private static Map<Labels, ExpectedSeries> index(Expected exp) {
    Map<Labels, ExpectedSeries> byLabels = new HashMap<>();
    for (ExpectedSeries e : exp.series()) {
      byLabels.put(e.labels(), e);
    }
    return byLabels;
  }

  private static String expectedKind(Expected exp) {
    if (exp.string() != null) {
      return "string \"" + exp.string() + "\"";
    }
    if (exp.matrix() != null) {
      return "a range vector";
    }
    if (exp.scalar() != null) {
      return "scalar " + GoText.formatFloat(exp.scalar());
    }
    return exp.series().isEmpty() ? "an empty vector" : "a vector";
  }

  /** A result vector for messages: {@code [a{b="c"} 1, ...]}, at most {@link #SHOWN} elements. */
  static String describe(List<Sample> samples) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < samples.size() && i < SHOWN; i++) {
      Sample s = samples.get(i);
      sb.append(i == 0 ? "" : ", ")
          .append(s.labels())
          .append(' ')
          .append(GoText.formatFloat(s.v()));
    }
    return more(sb, samples.size()).append(']').toString();
  }

  private static String describe(RangeMatrix m) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < m.series().size() && i < SHOWN; i++) {
      sb.append(i == 0 ? "" : ", ").append(describe(m.series().get(i)));
    }
    return more(sb, m.series().size()).append(']').toString();
  }

  private static String describe(SeriesPoints s) {
    StringBuilder sb = new StringBuilder().append(s.labels()).append(" [");
    for (int i = 0; i < s.size() && i < SHOWN; i++) {
      sb.append(i == 0 ? "" : " ")
          .append(GoText.formatFloat(s.vs()[i]))
          .append('@')
          .append(s.ts()[i]);
    }
    return more(sb, s.size()).append(']').toString();
  }

  private static StringBuilder more(StringBuilder sb, int size) {
    return size > SHOWN ? sb.append(", ... ").append(size - SHOWN).append(" more") : sb;
  }
}
