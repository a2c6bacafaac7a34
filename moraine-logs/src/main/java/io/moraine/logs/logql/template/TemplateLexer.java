package io.moraine.logs.logql.template;

import java.util.ArrayList;
import java.util.List;

/** Splits a template into text and action tokens, applying trim markers and dropping comments. */
final class TemplateLexer {
  enum Kind {
    TEXT,
    LEFT,
    RIGHT,
    FIELD,
    DOT,
    IDENT,
    STRING,
    NUMBER,
    PIPE,
    LPAREN,
    RPAREN,
    EOF
  }

  record Token(Kind kind, String text, int pos) {}

  private final String in;
  private final List<Token> out = new ArrayList<>();
  private int pos;

  private TemplateLexer(String in) {
    this.in = in;
  }

  static List<Token> lex(String template) {
    TemplateLexer l = new TemplateLexer(template);
    l.run();
    return l.out;
  }

  private void run() {
    boolean trimNextText = false;
    while (pos < in.length()) {
      int open = in.indexOf("{{", pos);
      String text = open < 0 ? in.substring(pos) : in.substring(pos, open);
      if (trimNextText) {
        text = text.stripLeading();
      }
      boolean trimLeft =
          open >= 0 && in.startsWith("{{- ", open)
              || in.startsWith("{{-\t", open)
              || in.startsWith("{{-\n", open);
      if (trimLeft) {
        text = text.stripTrailing();
      }
      if (!text.isEmpty()) {
        out.add(new Token(Kind.TEXT, text, pos));
      }
      if (open < 0) {
        break;
      }
      pos = open + (trimLeft ? 3 : 2);
      trimNextText = action();
    }
    out.add(new Token(Kind.EOF, "", in.length()));
  }

  /** Lexes one action after its opening delimiter; returns whether it ended with a trim marker. */
  private boolean action() {
    int start = out.size();
    out.add(new Token(Kind.LEFT, "{{", pos));
    skipSpace();
    if (in.startsWith("/*", pos)) {
      int end = in.indexOf("*/", pos + 2);
      if (end < 0) {
        throw new TemplateException("template: unclosed comment");
      }
      pos = end + 2;
      out.subList(start, out.size()).clear();
      return closeComment();
    }
    while (true) {
      skipSpace();
      if (pos >= in.length()) {
        throw new TemplateException("template: unclosed action");
      }
      if (in.startsWith("-}}", pos)) {
        out.add(new Token(Kind.RIGHT, "}}", pos));
        pos += 3;
        return true;
      }
      if (in.startsWith("}}", pos)) {
        out.add(new Token(Kind.RIGHT, "}}", pos));
        pos += 2;
        return false;
      }
      token();
    }
  }

  private boolean closeComment() {
    skipSpace();
    if (in.startsWith("-}}", pos)) {
      pos += 3;
      return true;
    }
    if (in.startsWith("}}", pos)) {
      pos += 2;
      return false;
    }
    throw new TemplateException("template: comment ends before closing delimiter");
  }

  private void token() {
    char c = in.charAt(pos);
    int start = pos;
    switch (c) {
      case '|' -> add(Kind.PIPE, start, ++pos);
      case '(' -> add(Kind.LPAREN, start, ++pos);
      case ')' -> add(Kind.RPAREN, start, ++pos);
      case '"' -> quoted(start);
      case '`' -> {
        int end = in.indexOf('`', pos + 1);
        if (end < 0) {
          throw new TemplateException("template: unterminated raw quoted string");
        }
        pos = end + 1;
        out.add(new Token(Kind.STRING, in.substring(start + 1, end), start));
      }
      case '.' -> {
        pos++;
        if (pos < in.length() && isIdentChar(in.charAt(pos))) {
          while (pos < in.length() && (isIdentChar(in.charAt(pos)) || in.charAt(pos) == '.')) {
            pos++;
          }
          out.add(new Token(Kind.FIELD, in.substring(start + 1, pos), start));
        } else {
          out.add(new Token(Kind.DOT, ".", start));
        }
      }
      default -> {
        if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
          pos++;
          while (pos < in.length() && isNumberChar(in.charAt(pos))) {
            pos++;
          }
          add(Kind.NUMBER, start, pos);
        } else if (isIdentChar(c)) {
          while (pos < in.length() && isIdentChar(in.charAt(pos))) {
            pos++;
          }
          add(Kind.IDENT, start, pos);
        } else {
          throw new TemplateException(
              "template: unexpected \"" + c + "\" in command at offset " + start);
        }
      }
    }
  }

  private void quoted(int start) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= in.length() || in.charAt(pos) == '\n') {
        throw new TemplateException("template: unterminated quoted string");
      }
      char c = in.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= in.length()) {
        throw new TemplateException("template: unterminated quoted string");
      }
      char e = in.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\', '"', '\'' -> sb.append(e);
        case 'u' -> {
          sb.append((char) Integer.parseInt(in.substring(pos, Math.min(pos + 4, in.length())), 16));
          pos += 4;
        }
        case 'x' -> {
          sb.append((char) Integer.parseInt(in.substring(pos, Math.min(pos + 2, in.length())), 16));
          pos += 2;
        }
        default -> throw new TemplateException("template: unknown escape sequence \\" + e);
      }
    }
    out.add(new Token(Kind.STRING, sb.toString(), start));
  }

  private void add(Kind kind, int start, int end) {
    out.add(new Token(kind, in.substring(start, end), start));
  }

  private void skipSpace() {
    while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isIdentChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean isNumberChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-';
  }
}
