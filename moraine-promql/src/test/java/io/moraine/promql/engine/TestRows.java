package io.moraine.promql.engine;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Compact construction and rendering of rows for the evaluator tests. */
final class TestRows {
  /** An absent sample in {@link #row}. */
  static final @Nullable Double NA = null;

  private TestRows() {}

  /** {@code name{a=x, b=y}}, {@code {a=x}} or {@code name}; values unquoted, no commas inside. */
  static Labels labels(String text) {
    int brace = text.indexOf('{');
    String name = brace < 0 ? text : text.substring(0, brace);
    Labels.Builder b = Labels.builder();
    if (!name.isEmpty()) {
      b.add(Labels.METRIC_NAME, name);
    }
    if (brace >= 0) {
      String body = text.substring(brace + 1, text.length() - 1).trim();
      if (!body.isEmpty()) {
        for (String pair : body.split(",")) {
          int eq = pair.indexOf('=');
          b.add(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    }
    return b.build();
  }

  /** A row with one value per step; {@link #NA} for a step without a sample. */
  static Row row(String labels, @Nullable Double... values) {
    Row r = Row.empty(labels(labels), values.length);
    for (int s = 0; s < values.length; s++) {
      Double v = values[s];
      if (v != null) {
        r.set(s, v);
      }
    }
    return r;
  }

  /** Renders rows as {@code name{a=x} v0 v1 ...}, {@code _} for an absent step. */
  static List<String> render(List<Row> rows, int steps) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      StringBuilder sb = new StringBuilder();
      String name = r.labels.metricName();
      sb.append(name == null ? "" : name).append('{');
      boolean first = true;
      for (int i = 0; i < r.labels.size(); i++) {
        if (r.labels.name(i).equals(Labels.METRIC_NAME)) {
          continue;
        }
        sb.append(first ? "" : ", ").append(r.labels.name(i)).append('=').append(r.labels.value(i));
        first = false;
      }
      sb.append('}');
      for (int s = 0; s < steps; s++) {
        sb.append(' ').append(r.has(s) ? number(r.values[s]) : "_");
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Integral values without a fraction; otherwise Java's shortest form; +Inf, -Inf, NaN. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static Steps steps(int n) {
    return new Steps(0, 60_000, n);
  }
}
