package io.moraine.logs.push;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Loki's text form of a stream's labels, as Prometheus' {@code ParseMetric} reads it: an
 * optional metric name, then {@code {name="value", ...}} with an optional trailing comma; values in
 * double quotes, single quotes or backticks with Go escapes. Errors are worded {@code 1:COL: parse
 * error: ...}. Names and values are returned in the order written; duplicates are left to the
 * validator. Stateless.
 */
final class StreamLabelParser {
  private final String s;
  private int pos;

  private StreamLabelParser(String s) {
    this.s = s;
  }

  /** Label syntax that cannot be read; the message has Prometheus' position prefix. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  /** Names and values alternating, in the order written ({@code __name__} first if given). */
  static String[] parse(String text) throws SyntaxException {
    return new StreamLabelParser(text).labels();
  }

  private String[] labels() throws SyntaxException {
    List<String> kv = new ArrayList<>();
    space();
    if (pos < s.length() && s.charAt(pos) != '{') {
      kv.add("__name__");
      kv.add(identifier(true));
      space();
    }
    expect('{');
    space();
    while (pos < s.length() && s.charAt(pos) != '}') {
      kv.add(identifier(false));
      space();
      expect('=');
      space();
      kv.add(string());
      space();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
        space();
      } else if (pos < s.length() && s.charAt(pos) != '}') {
        throw error("unexpected " + describe() + " in label set, expected \",\" or \"}\"");
      }
    }
    expect('}');
    space();
    if (pos < s.length()) {
      throw error("unexpected " + describe() + " after the label set");
    }
    return kv.toArray(new String[0]);
  }

  private String identifier(boolean metric) throws SyntaxException {
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (metric && c == ':')
              || (pos > start && c >= '0' && c <= '9');
      if (!ok) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw error("unexpected " + describe() + " in label set, expected identifier or \"}\"");
    }
    return s.substring(start, pos);
  }

  private String string() throws SyntaxException {
    if (pos >= s.length()) {
      throw error("unexpected end of input, expected string");
    }
    char q = s.charAt(pos);
    if (q != '"' && q != '\'' && q != '`') {
      throw error("unexpected " + describe() + " in label matching, expected string");
    }
    int open = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == q) {
        return sb.toString();
      }
      if (c == '\\' && q != '`') {
        escape(sb, q);
      } else if (c == '\n' && q != '`') {
        break;
      } else {
        sb.append(c);
      }
    }
    pos = open;
    throw error("unterminated quoted string");
  }

  private void escape(StringBuilder sb, char quote) throws SyntaxException {
    if (pos >= s.length()) {
      throw error("escape sequence not terminated");
    }
    char c = s.charAt(pos++);
    switch (c) {
      case 'a' -> sb.append('\u0007');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'v' -> sb.append('\u000b');
      case '\\' -> sb.append('\\');
      case 'x' -> sb.appendCodePoint(hex(2));
      case 'u' -> sb.appendCodePoint(hex(4));
      case 'U' -> sb.appendCodePoint(hex(8));
      default -> {
        if (c == quote) {
          sb.append(c);
        } else if (c >= '0' && c <= '7') {
          pos--;
          sb.appendCodePoint(octal());
        } else {
          throw error("unknown escape sequence \\" + c);
        }
      }
    }
  }

  private int hex(int digits) throws SyntaxException {
    if (pos + digits > s.length()) {
      throw error("escape sequence not terminated");
    }
    int v = 0;
    for (int i = 0; i < digits; i++) {
      int d = Character.digit(s.charAt(pos++), 16);
      if (d < 0) {
        throw error("invalid hex digit in escape sequence");
      }
      v = v * 16 + d;
    }
    if (!Character.isValidCodePoint(v)) {
      throw error("escape sequence is an invalid Unicode code point");
    }
    return v;
  }

  private int octal() throws SyntaxException {
    if (pos + 3 > s.length()) {
      throw error("escape sequence not terminated");
    }
    int v = 0;
    for (int i = 0; i < 3; i++) {
      int d = Character.digit(s.charAt(pos++), 8);
      if (d < 0) {
        throw error("invalid octal digit in escape sequence");
      }
      v = v * 8 + d;
    }
    if (v > 255) {
      throw error("octal escape value > 255: " + v);
    }
    return v;
  }

  private void expect(char c) throws SyntaxException {
    if (pos >= s.length() || s.charAt(pos) != c) {
      throw error("unexpected " + describe() + ", expected \"" + c + "\"");
    }
    pos++;
  }

  private void space() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private String describe() {
    if (pos >= s.length()) {
      return "end of input";
    }
    return "character \"" + s.charAt(pos) + "\"";
  }

  private SyntaxException error(String what) {
    return new SyntaxException("1:" + (pos + 1) + ": parse error: " + what);
  }
}
