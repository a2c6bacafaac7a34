package io.moraine.promql.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A quoted string of a test script, read as Go's PromQL lexer and {@code strconv.Unquote} read it:
 * {@code "..."} and {@code '...'} with Go's escapes ({@code \n}, {@code \x41}, {@code \101}, {@code
 * \u00e9}, the opening quote; byte escapes form UTF-8), or a raw {@code `...`}. Not thread-safe:
 * one cursor over one text.
 */
final class QuotedString {
  private final String in;
  private final int line;
  private int pos;

  /**
   * @param start the index of the opening quote
   * @param line the script line, for errors
   */
  QuotedString(String in, int start, int line) {
    this.in = in;
    this.pos = start;
    this.line = line;
  }

  /**
   * Reads a text that must be exactly one string literal.
   *
   * @throws ScriptFormatException when it is not
   */
  static String whole(String text, int line) {
    if (text.isEmpty() || "\"'`".indexOf(text.charAt(0)) < 0) {
      throw new ScriptFormatException(line, "column 1: expected a quoted string");
    }
    QuotedString q = new QuotedString(text, 0, line);
    String value = q.read();
    if (q.end() != text.length()) {
      throw q.error("unexpected text after the string", q.end());
    }
    return value;
  }

  /** The index just after the closing quote, once {@link #read} returned. */
  int end() {
    return pos;
  }

  /** Reads the string that starts at the cursor. */
  String read() {
    int start = pos;
    char quote = in.charAt(pos);
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

  private ScriptFormatException error(String reason, int at) {
    return new ScriptFormatException(line, "column " + (at + 1) + ": " + reason);
  }
}
