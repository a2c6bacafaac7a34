package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.promql.parser.GoNumbers;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a series description as Prometheus 2.42's {@code parser.ParseSeriesDesc} does: a metric
 * name and/or a brace-enclosed label set, then space-separated items. Items: {@code v} (a number,
 * {@code Inf}, {@code NaN} or {@code stale}); {@code vxN}, N+1 copies of v; {@code v+dxN} and
 * {@code v-dxN}, N+1 values starting at v, adding d each time (by repeated addition, as Go does);
 * {@code _}, one omitted value; {@code _xN}, N omitted values. Numbers follow Go's syntax ({@link
 * GoNumbers}) without hexadecimal, which the {@code x} of repetitions would make ambiguous.
 */
final class SeriesDescParser {
  /** A bound on expansion, far above any script's needs, so a typo cannot exhaust the heap. */
  static final long MAX_VALUES = 10_000_000;

  /** Keywords the lexer would not take as a metric name (2.42's {@code metric_identifier}). */
  private static final Set<String> NOT_METRIC_NAMES =
      Set.of("atan2", "on", "ignoring", "group_left", "group_right", "bool", "inf", "nan");

  private final String in;
  private final int line;
  private int pos;

  private SeriesDescParser(String in, int line) {
    this.in = in;
    this.line = line;
  }

  /**
   * Parses one description.
   *
   * @param line the script line it came from, for errors
   * @throws ScriptFormatException naming the line and column of the first error
   */
  static SeriesDescription parse(String text, int line) {
    SeriesDescParser p = new SeriesDescParser(text, line);
    Labels labels = p.metric();
    List<SequenceValue> values = new ArrayList<>();
    while (p.pos < p.in.length()) {
      if (!isSpace(p.peek())) {
        throw p.error("unexpected " + p.describeHere() + " in series values");
      }
      p.skipSpaces();
      if (p.pos < p.in.length()) {
        p.item(values);
      }
    }
    return new SeriesDescription(labels, values);
  }

  private Labels metric() {
    skipSpaces();
    Labels.Builder b = Labels.builder();
    String name = null;
    if (pos < in.length() && (isAlpha(peek()) || peek() == ':')) {
      name = word(true);
      if (NOT_METRIC_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
        throw error("unexpected \"" + name + "\", expected a metric name or \"{\"", pos);
      }
    }
    if (pos < in.length() && peek() == '{') {
      labelSet(b);
    } else if (name == null) {
      throw error("unexpected " + describeHere() + ", expected a metric name or \"{\"");
    }
    if (name != null) {
      b.add(Labels.METRIC_NAME, name);
    }
    return b.build();
  }

  private void labelSet(Labels.Builder b) {
    pos++; // '{'
    while (true) {
      skipSpaces();
      if (pos < in.length() && peek() == '}') {
        pos++;
        return;
      }
      if (pos >= in.length() || !isAlpha(peek())) {
        throw error("unexpected " + describeHere() + " in label set, expected identifier or \"}\"");
      }
      String name = word(false);
      skipSpaces();
      if (pos >= in.length() || peek() != '=' || in.startsWith("=~", pos)) {
        throw error("unexpected " + describeHere() + " in label set, expected \"=\"");
      }
      pos++;
      skipSpaces();
      b.add(name, string());
      skipSpaces();
      if (pos < in.length() && peek() == ',') {
        pos++;
      } else if (pos < in.length() && peek() == '}') {
        pos++;
        return;
      } else {
        throw error("unexpected " + describeHere() + " in label set, expected \",\" or \"}\"");
      }
    }
  }

  private void item(List<SequenceValue> out) {
    if (peek() == '_') {
      pos++;
      if (pos < in.length() && peek() == 'x') {
        pos++;
        long n = repetitions(out.size(), 0);
        for (long i = 0; i < n; i++) {
          out.add(SequenceValue.OMITTED);
        }
      } else {
        out.add(SequenceValue.OMITTED);
      }
    } else {
      double v = value();
      if (pos < in.length() && peek() == 'x') {
        pos++;
        long n = repetitions(out.size(), 1);
        for (long i = 0; i <= n; i++) {
          out.add(SequenceValue.of(v));
        }
      } else if (pos < in.length() && (peek() == '+' || peek() == '-')) {
        double step = signedNumber();
        if (pos >= in.length() || peek() != 'x') {
          throw error("unexpected " + describeHere() + " in series values, expected \"x\"");
        }
        pos++;
        long n = repetitions(out.size(), 1);
        for (long i = 0; i <= n; i++) {
          out.add(SequenceValue.of(v));
          v += step;
        }
      } else {
        out.add(SequenceValue.of(v));
      }
    }
    if (pos < in.length() && !isSpace(peek())) {
      throw error("unexpected " + describeHere() + " in series values");
    }
  }

  /** A series value: a number, signed or not, or {@code stale}. */
  private double value() {
    char c = peek();
    return c == '+' || c == '-' ? signedNumber() : unsignedOrStale();
  }

  private double unsignedOrStale() {
    int start = pos;
    if (pos < in.length() && isAlpha(peek())) {
      String w = word(true);
      if (w.equals("stale")) {
        return StaleNaN.VALUE;
      }
      String lower = w.toLowerCase(Locale.ROOT);
      if (lower.equals("inf") || lower.equals("nan")) {
        return number(w, start);
      }
      throw error("unexpected \"" + w + "\" in series values, expected number or \"stale\"", start);
    }
    return number(numberToken(), start);
  }

  private double signedNumber() {
    boolean negative = peek() == '-';
    pos++;
    int start = pos;
    if (pos < in.length() && isAlpha(peek())) {
      String w = word(true);
      String lower = w.toLowerCase(Locale.ROOT);
      if (!lower.equals("inf") && !lower.equals("nan")) {
        throw error("unexpected \"" + w + "\" in series values, expected number", start);
      }
      double v = number(w, start);
      return negative ? -v : v;
    }
    double v = number(numberToken(), start);
    return negative ? -v : v;
  }

  /** The repetition count after {@code x}; {@code extra} values come on top of it. */
  private long repetitions(int already, int extra) {
    int start = pos;
    String digits = pos < in.length() && isDigitOrDot() ? numberToken() : word(true);
    long n;
    try {
      if (digits.isEmpty() || !digits.chars().allMatch(SeriesDescParser::isDigit)) {
        throw new NumberFormatException();
      }
      n = Long.parseUnsignedLong(digits);
    } catch (NumberFormatException e) {
      throw error("invalid repetition in series values: \"" + digits + "\"", start);
    }
    if (n < 0 || already + n + extra > MAX_VALUES) {
      throw error("more than " + MAX_VALUES + " values in one series description", start);
    }
    return n;
  }

  /** Scans a number as the 2.42 lexer does in series descriptions; the text is not yet checked. */
  private String numberToken() {
    int start = pos;
    if (in.startsWith("{{", pos)) {
      throw error("native histogram values are not supported (Prometheus 2.42 has none)");
    }
    if (pos >= in.length() || !isDigitOrDot()) {
      throw error("unexpected " + describeHere() + " in series values, expected number");
    }
    acceptDigits();
    if (pos < in.length() && peek() == '.') {
      pos++;
      acceptDigits();
    }
    if (pos < in.length() && (peek() == 'e' || peek() == 'E')) {
      pos++;
      if (pos < in.length() && (peek() == '+' || peek() == '-')) {
        pos++;
      }
      acceptDigits();
    }
    if (pos < in.length() && peek() != 'x' && isAlphaNumeric(peek())) {
      throw error("bad number syntax: \"" + in.substring(start, pos + 1) + "\"", start);
    }
    return in.substring(start, pos);
  }

  private double number(String text, int start) {
    OptionalDouble v = GoNumbers.parse(text);
    if (v.isEmpty()) {
      throw error("error parsing number: \"" + text + "\"", start);
    }
    return v.getAsDouble();
  }

  private String string() {
    if (pos >= in.length() || "\"'`".indexOf(peek()) < 0) {
      throw error("unexpected " + describeHere() + ", expected a quoted string");
    }
    QuotedString q = new QuotedString(in, pos, line);
    String value = q.read();
    pos = q.end();
    return value;
  }

  // --- characters --------------------------------------------------------------------------------

  private char peek() {
    return in.charAt(pos);
  }

  private boolean isDigitOrDot() {
    char c = peek();
    return isDigit(c) || (c == '.' && pos + 1 < in.length() && isDigit(in.charAt(pos + 1)));
  }

  private void acceptDigits() {
    while (pos < in.length() && isDigit(peek())) {
      pos++;
    }
  }

  /** An identifier; with colons when {@code colons} (metric names and keywords). */
  private String word(boolean colons) {
    int start = pos;
    while (pos < in.length() && (isAlphaNumeric(peek()) || (colons && peek() == ':'))) {
      pos++;
    }
    return in.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < in.length() && isSpace(peek())) {
      pos++;
    }
  }

  private String describeHere() {
    return pos >= in.length() ? "end of input" : "\"" + in.charAt(pos) + "\"";
  }

  private ScriptFormatException error(String reason) {
    return error(reason, pos);
  }

  private ScriptFormatException error(String reason, int at) {
    return new ScriptFormatException(line, "column " + (at + 1) + ": " + reason);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlphaNumeric(char c) {
    return isAlpha(c) || isDigit(c);
  }
}
