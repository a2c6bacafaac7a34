package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Durations;
import io.moraine.promql.parser.GoNumbers;
import io.moraine.promql.script.Command.Eval;
import io.moraine.promql.script.Command.Expected;
import io.moraine.promql.script.Command.ExpectedSeries;
import io.moraine.promql.script.Command.Failure;
import io.moraine.promql.script.Command.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Splits a test script into commands, as Prometheus 2.42's {@code promql/test.go} reads it: lines
 * are trimmed, a line starting with {@code #} counts as blank, a blank line ends a block, the first
 * word (any case) names the command. Also reads the newer {@code eval range from .. to .. step ..},
 * {@code expect fail|ordered [msg:|regex: ...]}, {@code expect string}, {@code expect range vector}
 * and {@code expected_fail_message|regexp} lines; {@code expect warn|info|no_warn|no_info} lines
 * are accepted and ignored, since the engine reports no annotations.
 *
 * <p>Unlike Prometheus, expressions are not parsed here: a query that does not parse fails its own
 * case when run, so one bad query does not hide the results of the rest of the file.
 */
final class ScriptParser {
  private static final String S = "[\\t\\n\\f\\r ]";
  private static final Pattern WORD_SEPARATOR = Pattern.compile("[\\t ]+");
  private static final Pattern LOAD = Pattern.compile("^load" + S + "+(.+?)$");
  private static final Pattern EVAL_INSTANT =
      Pattern.compile(
          "^eval(?:_(fail|ordered|warn|info))?"
              + S
              + "+instant"
              + S
              + "+(?:at"
              + S
              + "+(.+?))?"
              + S
              + "+(.+)$");
  private static final Pattern EVAL_RANGE =
      Pattern.compile(
          "^eval(?:_(fail|warn|info))?%s+range%<s+from%<s+(.+)%<s+to%<s+(.+)%<s+step%<s+(.+?)%<s+(.+)$"
              .formatted(S));
  private static final Pattern EXPECT =
      Pattern.compile(
          "^expect%s+(ordered|fail|warn|no_warn|info|no_info)(?:%<s+(regex|msg):(.+))?$"
              .formatted(S));
  private static final Pattern EXPECT_RANGE =
      Pattern.compile(
          "^expect range vector%s+from%<s+(.+)%<s+to%<s+(.+)%<s+step%<s+(.+)$".formatted(S));

  private final List<String> lines;
  private int i;

  private ScriptParser(List<String> lines) {
    this.lines = lines;
  }

  /**
   * Parses a whole script.
   *
   * @throws ScriptFormatException at the first line that is not valid
   */
  static List<Command> parse(String text) {
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String l = raw.strip();
      lines.add(l.startsWith("#") ? "" : l);
    }
    ScriptParser p = new ScriptParser(lines);
    List<Command> out = new ArrayList<>();
    for (; p.i < lines.size(); p.i++) {
      String l = lines.get(p.i);
      if (l.isEmpty()) {
        continue;
      }
      String word = WORD_SEPARATOR.split(l, 2)[0].toLowerCase(Locale.ROOT);
      if (word.equals("clear")) {
        out.add(new Command.Clear(p.i + 1));
      } else if (word.equals("load")) {
        out.add(p.load());
      } else if (word.startsWith("eval")) {
        out.add(p.eval());
      } else {
        throw new ScriptFormatException(p.i + 1, "invalid command \"" + l + "\"");
      }
    }
    return out;
  }

  private Command.Load load() {
    int line = i + 1;
    Matcher m = LOAD.matcher(lines.get(i));
    if (!m.matches()) {
      throw new ScriptFormatException(line, "invalid load command. (load <step:duration>)");
    }
    long interval = duration(m.group(1), "step");
    Map<Labels, SeriesDescription> series = new LinkedHashMap<>();
    while (i + 1 < lines.size() && !lines.get(i + 1).isEmpty()) {
      i++;
      SeriesDescription d = SeriesDescParser.parse(lines.get(i), i + 1);
      series.remove(d.labels());
      series.put(d.labels(), d);
    }
    return new Command.Load(line, interval, List.copyOf(series.values()));
  }

  private Eval eval() {
    int line = i + 1;
    String text = lines.get(i);
    Matcher instant = EVAL_INSTANT.matcher(text);
    Matcher range = EVAL_RANGE.matcher(text);
    String mod;
    String expr;
    long start;
    long end;
    long step = 0;
    boolean isRange = !instant.matches();
    if (!isRange) {
      mod = instant.group(1);
      expr = instant.group(3);
      String at = instant.group(2);
      start = duration(at == null ? "" : at, "timestamp");
      end = start;
    } else if (range.matches()) {
      mod = range.group(1);
      expr = range.group(5);
      start = duration(range.group(2), "start timestamp");
      end = duration(range.group(3), "end timestamp");
      step = duration(range.group(4), "step");
      if (end < start) {
        throw new ScriptFormatException(line, "end timestamp is before start timestamp");
      }
    } else {
      throw new ScriptFormatException(
          line,
          "invalid evaluation command. (eval[_fail|_ordered] instant [at <offset:duration>]"
              + " <query> or eval[_fail] range from <from> to <to> step <step> <query>)");
    }
    ExpectationReader r = new ExpectationReader(isRange, "ordered".equals(mod));
    r.fail = "fail".equals(mod) ? Failure.ANY : null;
    r.read();
    Expected expected = new Expected(r.series(), r.scalar, r.string, r.matrix);
    if (r.matrix != null) {
      start = r.matrix.endMillis();
      end = start;
    }
    return new Eval(line, text, expr, isRange, start, end, step, r.ordered, r.fail, expected);
  }

  /** Reads the lines after an eval up to a blank line (or a line that ends the block). */
  private final class ExpectationReader {
    private final boolean range;
    private final Map<Labels, ExpectedSeries> series = new LinkedHashMap<>();
    private int seriesLines;
    boolean ordered;
    @Nullable Failure fail;
    @Nullable Double scalar;
    @Nullable String string;
    @Nullable Window matrix;

    ExpectationReader(boolean range, boolean ordered) {
      this.range = range;
      this.ordered = ordered;
    }

    List<ExpectedSeries> series() {
      return List.copyOf(series.values());
    }

    void read() {
      while (i + 1 < lines.size() && !lines.get(i + 1).isEmpty()) {
        i++;
        if (!line(lines.get(i))) {
          return;
        }
      }
    }

    /** Takes one line; false when the line ends the block. */
    private boolean line(String l) {
      if (fail != null && l.startsWith("expected_fail_message")) {
        fail = new Failure(l.substring("expected_fail_message".length()).strip(), null);
        return false;
      }
      if (fail != null && l.startsWith("expected_fail_regexp")) {
        fail = new Failure(null, regex(l.substring("expected_fail_regexp".length()).strip()));
        return false;
      }
      if (l.startsWith("expect range vector")) {
        matrix = window(l);
        return true;
      }
      if (l.startsWith("expect string")) {
        string = QuotedString.whole(l.substring("expect string".length()).strip(), i + 1);
        return true;
      }
      if (l.split(" ", -1)[0].equals("expect")) {
        expect(l);
        return true;
      }
      OptionalDouble number = GoNumbers.parse(l);
      if (number.isPresent()) {
        scalar = number.getAsDouble();
        return false;
      }
      SeriesDescription d = SeriesDescParser.parse(l, i + 1);
      if (d.values().size() > 1 && !range && matrix == null) {
        throw new ScriptFormatException(
            i + 1, "expecting multiple values in instant evaluation not allowed");
      }
      seriesLines++;
      series.remove(d.labels());
      series.put(d.labels(), new ExpectedSeries(d.labels(), d.values(), seriesLines));
      return true;
    }

    private void expect(String l) {
      Matcher m = EXPECT.matcher(l);
      if (!m.matches()) {
        throw new ScriptFormatException(
            i + 1, "invalid expect statement, must be `expect <type> [msg|regex: <string>]`");
      }
      switch (m.group(1)) {
        case "ordered" -> ordered = true;
        case "fail" -> {
          String kind = m.group(2);
          String arg = m.group(3) == null ? "" : m.group(3).strip();
          fail =
              kind == null
                  ? Failure.ANY
                  : kind.equals("msg") ? new Failure(arg, null) : new Failure(null, regex(arg));
        }
        default -> {} // annotations: the engine reports none, so they are not checked
      }
    }

    private Window window(String l) {
      Matcher m = EXPECT_RANGE.matcher(l);
      if (range || !m.matches()) {
        throw new ScriptFormatException(i + 1, "invalid range vector definition \"" + l + "\"");
      }
      long from = duration(m.group(1), "start timestamp");
      long to = duration(m.group(2), "end timestamp");
      if (to < from) {
        throw new ScriptFormatException(i + 1, "end timestamp is before start timestamp");
      }
      return new Window(from, to, duration(m.group(3), "step"));
    }

    private Pattern regex(String pattern) {
      try {
        return Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new ScriptFormatException(i + 1, "invalid regexp \"" + pattern + "\"");
      }
    }
  }

  private long duration(String text, String what) {
    try {
      return Durations.parseMillis(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ScriptFormatException(
          i + 1, "invalid " + what + " definition \"" + text + "\": " + e.getMessage());
    }
  }
}
