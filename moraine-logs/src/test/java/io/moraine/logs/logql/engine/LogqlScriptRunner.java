package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs LogQL script tests, in the manner of Prometheus's promqltest. Commands: {@code load
 * {labels}} followed by indented {@code <duration> <line>} entries; {@code eval instant at <t>
 * [limit N] [direction forward|backward] <query>} and {@code eval range from <t> to <t> step <d>
 * [interval <d>] [limit N] [direction ...] <query>}, each followed by the expected result: {@code
 * {labels} value} (vector), {@code {labels} 1m=v1 2m=v2} (matrix points as time=value), {@code
 * scalar v}, or a {@code {labels}} stream line with its entries indented below; {@code eval_fail
 * ...} followed by a part of the expected message. Blank lines and {@code #} comments are ignored.
 */
final class LogqlScriptRunner {
  private static final Pattern LABEL =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern INSTANT = Pattern.compile("at (\\S+)\\s+(.*)");
  private static final Pattern RANGE = Pattern.compile("from (\\S+) to (\\S+) step (\\S+)\\s+(.*)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Function<String, Expr> parser;

  LogqlScriptRunner(Function<String, Expr> parser) {
    this.parser = parser;
  }

  /** Runs one script; an AssertionError names the script, the line and the difference. */
  void run(String name, String script) {
    String[] lines = script.split("\n", -1);
    MemoryLogStore store = new MemoryLogStore();
    LogqlEngine engine = new LogqlEngine(store, EngineOptions.DEFAULT);
    int i = 0;
    while (i < lines.length) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < lines.length && (lines[end].startsWith(" ") && !lines[end].isBlank())) {
        end++;
      }
      List<String> body = new ArrayList<>();
      for (int j = i + 1; j < end; j++) {
        body.add(lines[j]);
      }
      try {
        command(store, engine, line, body);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(name + ":" + (i + 1) + ": " + line + "\n" + e.getMessage(), e);
      }
      i = end;
    }
  }

  private void command(MemoryLogStore store, LogqlEngine engine, String line, List<String> body) {
    if (line.startsWith("load ")) {
      Labels stream = labels(line.substring(5).strip());
      for (String b : body) {
        String s = b.strip();
        int sp = s.indexOf(' ');
        store.add(stream, nanos(s.substring(0, sp)), s.substring(sp + 1));
      }
      return;
    }
    boolean fail = line.startsWith("eval_fail ");
    String rest = line.substring(fail ? 10 : 5).strip();
    String actual;
    try {
      actual = render(evaluate(engine, rest));
    } catch (RuntimeException e) { // evaluation and parse errors alike
      if (!fail) {
        throw e;
      }
      String want = String.join("\n", body).strip();
      String got = String.valueOf(e.getMessage());
      if (!got.contains(want)) {
        throw new AssertionError("expected an error containing: " + want + "\nbut got: " + got);
      }
      return;
    }
    if (fail) {
      throw new AssertionError("expected an error, got:\n" + actual);
    }
    String expected = normalize(body);
    if (!expected.equals(actual)) {
      throw new AssertionError("expected:\n" + expected + "\nactual:\n" + actual);
    }
  }

  private QueryResult evaluate(LogqlEngine engine, String rest) {
    int limit = 100;
    Direction dir = Direction.BACKWARD;
    long interval = 0;
    if (rest.startsWith("instant ")) {
      Matcher m = INSTANT.matcher(rest.substring(8));
      check(m.matches(), "bad eval instant");
      String q = m.group(2);
      while (true) {
        if (q.startsWith("limit ")) {
          String[] p = q.split("\\s+", 3);
          limit = Integer.parseInt(p[1]);
          q = p[2];
        } else if (q.startsWith("direction ")) {
          String[] p = q.split("\\s+", 3);
          dir = Direction.valueOf(p[1].toUpperCase(java.util.Locale.ROOT));
          q = p[2];
        } else {
          break;
        }
      }
      return engine.instant(
          "t", parser.apply(q), nanos(m.group(1)), limit, dir, new LogReadStats());
    }
    check(rest.startsWith("range "), "eval needs instant or range");
    Matcher m = RANGE.matcher(rest.substring(6));
    check(m.matches(), "bad eval range");
    String q = m.group(4);
    while (true) {
      String[] p = q.split("\\s+", 3);
      if (p[0].equals("limit")) {
        limit = Integer.parseInt(p[1]);
      } else if (p[0].equals("direction")) {
        dir = Direction.valueOf(p[1].toUpperCase(java.util.Locale.ROOT));
      } else if (p[0].equals("interval")) {
        interval = nanos(p[1]);
      } else {
        break;
      }
      q = p[2];
    }
    return engine.range(
        "t",
        parser.apply(q),
        nanos(m.group(1)),
        nanos(m.group(2)),
        nanos(m.group(3)),
        interval,
        limit,
        dir,
        new LogReadStats());
  }

  private static String render(QueryResult r) {
    StringBuilder sb = new StringBuilder();
    switch (r) {
      case QueryResult.Scalar s -> sb.append("scalar ").append(number(s.value())).append('\n');
      case QueryResult.Vector v -> {
        for (QueryResult.Sample s : v.samples()) {
          sb.append(s.labels()).append(' ').append(number(s.value())).append('\n');
        }
      }
      case QueryResult.Matrix m -> {
        for (QueryResult.RangeSeries s : m.series()) {
          sb.append(s.labels());
          for (int i = 0; i < s.values().length; i++) {
            sb.append(' ')
                .append(s.timestampsMillis()[i] / 1000)
                .append("s=")
                .append(number(s.values()[i]));
          }
          sb.append('\n');
        }
      }
      case QueryResult.Streams st -> {
        for (QueryResult.Stream s : st.streams()) {
          sb.append(s.labels()).append('\n');
          for (QueryResult.Entry e : s.entries()) {
            sb.append("    ")
                .append(e.timestampNanos() / 1_000_000)
                .append("ms ")
                .append(e.line())
                .append('\n');
          }
        }
      }
    }
    return sb.toString();
  }

  /** The expected lines in the rendered form: labels re-parsed, numbers normalized. */
  private static String normalize(List<String> body) {
    StringBuilder sb = new StringBuilder();
    for (String b : body) {
      String s = b.strip();
      if (b.startsWith("    ")) {
        int sp = s.indexOf(' ');
        sb.append("    ")
            .append(nanos(s.substring(0, sp)) / 1_000_000)
            .append("ms ")
            .append(s.substring(sp + 1))
            .append('\n');
      } else if (s.startsWith("scalar ")) {
        sb.append("scalar ")
            .append(number(Double.parseDouble(s.substring(7).strip())))
            .append('\n');
      } else {
        int close = s.indexOf('}');
        sb.append(labels(s.substring(0, close + 1)));
        for (String tok : s.substring(close + 1).strip().split("\\s+")) {
          if (tok.isEmpty()) {
            continue;
          }
          if (tok.contains("=")) { // matrix point: <t>=<v>
            int eq = tok.indexOf('=');
            sb.append(' ')
                .append(nanos(tok.substring(0, eq)) / 1_000_000_000)
                .append("s=")
                .append(number(Double.parseDouble(tok.substring(eq + 1))));
          } else {
            sb.append(' ').append(number(Double.parseDouble(tok)));
          }
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    return Math.abs(v - Math.rint(v)) < 1e-12 && Math.abs(v) < 1e15
        ? Long.toString((long) Math.rint(v))
        : String.format(java.util.Locale.ROOT, "%.6g", v);
  }

  static Labels labels(String text) {
    check(text.startsWith("{") && text.endsWith("}"), "labels must be {...}: " + text);
    Labels.Builder b = Labels.builder();
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      b.add(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return b.build();
  }

  static long nanos(String d) {
    Matcher m = DURATION.matcher(d);
    long total = 0;
    int pos = 0;
    while (m.find() && m.start() == pos) {
      long n = Long.parseLong(m.group(1));
      total +=
          switch (m.group(2)) {
            case "ms" -> n * 1_000_000L;
            case "s" -> n * 1_000_000_000L;
            case "m" -> n * 60_000_000_000L;
            default -> n * 3_600_000_000_000L;
          };
      pos = m.end();
    }
    check(pos == d.length() && pos > 0, "bad duration: " + d);
    return total;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
