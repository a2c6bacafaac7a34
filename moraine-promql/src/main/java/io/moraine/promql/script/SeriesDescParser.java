package io.moraine.promql.script;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.promql.script.SeriesDescription.SequenceValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

  /**
   * Reads a whole quoted string ({@code "..."}, {@code '...'} or a raw {@code `...`}) with Go's
   * escapes.
   *
   * @throws ScriptFormatException when {@code text} is not exactly one string literal
   */
  static String quoted(String text, int line) {
    SeriesDescParser p = new SeriesDescParser(text, line);
    String s = p.string();
    if (p.pos != text.length()) {
      throw p.error("unexpected " + p.describeHere() + " after the string");
    }
    return s;
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
    int start = pos;
    char quote = pos < in.length() ? peek() : 0;
    if (quote != '"' && quote != '\'' && quote != '`') {
      throw error("unexpected " + describeHere() + ", expected a quoted string");
    }
    int close = in.indexOf(quote, pos + 1);
    if (quote == '`') {
      if (close < 0) {
        throw error("unterminated raw string", start);
      }
      pos = close + 1;
      return in.substring(start + 1, close);
    }
    pos++;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated quoted string", start);
      }
      int cp = in.codePointAt(pos);
      pos += Character.charCount(cp);
      if (cp == quote) {
        return bytes.toString(StandardCharsets.UTF_8);
      } else if (cp == '\\') {
        escape(quote, bytes);
      } else {
        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** One escape of a quoted string, the backslash already read, as Go's lexer allows them. */
  private void escape(char quote, ByteArrayOutputStream bytes) {
    int start = pos - 1;
    char c = pos < in.length() ? in.charAt(pos++) : 0;
    switch (c) {
      case 'a' -> bytes.write(7);
      case 'b' -> bytes.write('\b');
      case 'f' -> bytes.write('\f');
      case 'n' -> bytes.write('\n');
      case 'r' -> bytes.write('\r');
      case 't' -> bytes.write('\t');
      case 'v' -> bytes.write(11);
      case '\\' -> bytes.write('\\');
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        pos--;
        int v = digits(3, 8, start);
        if (v > 255) {
          throw error("escape sequence is invalid Unicode code point", start);
        }
        bytes.write(v);
      }
      case 'x' -> bytes.write(digits(2, 16, start));
      case 'u', 'U' -> {
        int v = digits(c == 'u' ? 4 : 8, 16, start);
        if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v < 0xE000)) {
          throw error("escape sequence is invalid Unicode code point", start);
        }
        bytes.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
      }
      default -> {
        if (c != quote || c == 0) {
          throw error("unknown escape sequence", start);
        }
        bytes.write(c);
      }
    }
  }

  private int digits(int count, int radix, int start) {
    int v = 0;
    for (int i = 0; i < count; i++) {
      int d = pos < in.length() ? Character.digit(in.charAt(pos), radix) : -1;
      if (d < 0 || in.charAt(pos) > 0x7f) {
        throw error("illegal character in escape sequence", start);
      }
      v = v * radix + d;
      pos++;
    }
    return v;
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
