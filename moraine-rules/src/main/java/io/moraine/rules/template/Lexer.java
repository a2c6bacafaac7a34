package io.moraine.rules.template;

import io.moraine.core.labels.GoQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits template text into Go text/template items: text, delimiters, and the words of actions.
 * Trim markers ({@code {{- } and {@code -}}}) are applied here; comments produce no item. A lexing
 * error ends the list with an {@link Kind#ERROR} item carrying Go's message, then {@link Kind#EOF}.
 */
final class Lexer {
  enum Kind {
    TEXT,
    LEFT_DELIM,
    RIGHT_DELIM,
    SPACE,
    ASSIGN,
    DECLARE,
    PIPE,
    LEFT_PAREN,
    RIGHT_PAREN,
    CHAR,
    STRING,
    RAW_STRING,
    CHAR_CONSTANT,
    NUMBER,
    BOOL,
    DOT,
    FIELD,
    VARIABLE,
    IDENTIFIER,
    NIL,
    ERROR,
    EOF,
    // keywords, printed as <word> in messages
    BLOCK,
    BREAK,
    CONTINUE,
    DEFINE,
    ELSE,
    END,
    IF,
    RANGE,
    TEMPLATE,
    WITH;

    boolean isKeyword() {
      return ordinal() >= BLOCK.ordinal();
    }
  }

  /** One item: its kind, text, offset in the input (chars) and 1-based line. */
  record Token(Kind kind, String val, int pos, int line) {
    /** As Go prints an item in parse errors. */
    @Override
    public String toString() {
      if (kind == Kind.EOF) {
        return "EOF";
      }
      if (kind == Kind.ERROR) {
        return val;
      }
      if (kind.isKeyword()) {
        return "<" + val + ">";
      }
      if (val.length() > 10) {
        return GoQuote.quote(val.substring(0, 10)) + "...";
      }
      return GoQuote.quote(val);
    }
  }

  private static final Map<String, Kind> KEYWORDS =
      Map.ofEntries(
          Map.entry("block", Kind.BLOCK),
          Map.entry("break", Kind.BREAK),
          Map.entry("continue", Kind.CONTINUE),
          Map.entry("define", Kind.DEFINE),
          Map.entry("else", Kind.ELSE),
          Map.entry("end", Kind.END),
          Map.entry("if", Kind.IF),
          Map.entry("range", Kind.RANGE),
          Map.entry("nil", Kind.NIL),
          Map.entry("template", Kind.TEMPLATE),
          Map.entry("with", Kind.WITH));

  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";

  private final String in;
  private final List<Token> out = new ArrayList<>();
  private int pos;
  private int start;
  private int line = 1;
  private int startLine = 1;
  private int parenDepth;
  private boolean inAction;

  private Lexer(String in) {
    this.in = in;
  }

  static List<Token> lex(String text) {
    Lexer l = new Lexer(text);
    l.run();
    return l.out;
  }

  private void run() {
    while (true) {
      if (!lexText()) {
        break;
      }
      if (!inAction) {
        continue; // a comment: text follows
      }
      if (!lexAction()) {
        break;
      }
    }
    out.add(new Token(Kind.EOF, "", in.length(), line));
  }

  /** Emits the text up to the next left delimiter; false at the end of input. */
  private boolean lexText() {
    int d = in.indexOf(LEFT, pos);
    if (d < 0) {
      pos = in.length();
      if (pos > start) {
        emit(Kind.TEXT);
      }
      return false;
    }
    int textEnd = d;
    boolean trim = hasLeftTrim(d + LEFT.length());
    if (trim) {
      while (textEnd > start && isSpace(in.charAt(textEnd - 1))) {
        textEnd--;
      }
    }
    pos = textEnd;
    if (pos > start) {
      emit(Kind.TEXT);
    }
    pos = d;
    ignore();
    pos = d + LEFT.length();
    int afterMarker = trim ? pos + 2 : pos;
    inAction = false;
    if (in.startsWith("/*", afterMarker)) {
      return lexComment(afterMarker);
    }
    inAction = true;
    emit(Kind.LEFT_DELIM);
    pos = afterMarker;
    ignore();
    parenDepth = 0;
    return true;
  }

  private boolean lexComment(int from) {
    int end = in.indexOf("*/", from + 2);
    if (end < 0) {
      return error("unclosed comment");
    }
    pos = end + 2;
    int close = rightDelimAt(pos);
    if (close < 0) {
      return error("comment ends before closing delimiter");
    }
    boolean trim = close > 0;
    pos += close + RIGHT.length();
    if (trim) {
      skipSpaces();
    }
    ignore();
    return true;
  }

  /** 0 when a plain right delimiter starts at {@code p}, 2 with a trim marker, -1 when none. */
  private int rightDelimAt(int p) {
    if (p + 1 < in.length()
        && isSpace(in.charAt(p))
        && in.charAt(p + 1) == '-'
        && in.startsWith(RIGHT, p + 2)) {
      return 2;
    }
    return in.startsWith(RIGHT, p) ? 0 : -1;
  }

  private boolean hasLeftTrim(int p) {
    return p + 1 < in.length() && in.charAt(p) == '-' && isSpace(in.charAt(p + 1));
  }

  /** Lexes the inside of one action up to and including its right delimiter. */
  private boolean lexAction() {
    while (true) {
      int close = rightDelimAt(pos);
      if (close >= 0) {
        if (parenDepth > 0) {
          return error("unclosed left paren");
        }
        pos += close;
        ignore();
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (close > 0) {
          skipSpaces();
          ignore();
        }
        return true;
      }
      if (pos >= in.length()) {
        return error("unclosed action");
      }
      if (!lexActionItem()) {
        return false;
      }
    }
  }

  private boolean lexActionItem() {
    int c = in.codePointAt(pos);
    if (isSpace(c)) {
      while (pos < in.length() && isSpace(in.charAt(pos)) && rightDelimAt(pos) != 2) {
        pos++;
      }
      if (pos == start) {
        pos++; // a space before " -}}" still separates words
      }
      emit(Kind.SPACE);
      return true;
    }
    switch (c) {
      case '=' -> single(Kind.ASSIGN);
      case ':' -> {
        if (!in.startsWith(":=", pos)) {
          return error("expected :=");
        }
        pos += 2;
        emit(Kind.DECLARE);
      }
      case '|' -> single(Kind.PIPE);
      case '"' -> {
        return literal(LexLiterals.quoted(in, pos, '"'), Kind.STRING, "unterminated quoted string");
      }
      case '`' -> {
        return literal(
            LexLiterals.rawQuoted(in, pos), Kind.RAW_STRING, "unterminated raw quoted string");
      }
      case '$' -> lexWord(Kind.VARIABLE);
      case '\'' -> {
        return literal(
            LexLiterals.quoted(in, pos, '\''),
            Kind.CHAR_CONSTANT,
            "unterminated character constant");
      }
      case '.' -> {
        if (pos + 1 < in.length() && isDigit(in.charAt(pos + 1))) {
          return lexNumber();
        }
        lexWord(Kind.FIELD);
      }
      case '(' -> {
        parenDepth++;
        single(Kind.LEFT_PAREN);
      }
      case ')' -> {
        parenDepth--;
        if (parenDepth < 0) {
          return error("unexpected right paren " + GoQuote.unicodeRune(c));
        }
        single(Kind.RIGHT_PAREN);
      }
      default -> {
        if (c == '+' || c == '-' || isDigit(c)) {
          return lexNumber();
        }
        if (isAlnum(c)) {
          return lexIdentifier();
        }
        if (c < 0x80 && c >= 0x20 && c != 0x7f) {
          single(Kind.CHAR);
          return true;
        }
        return error("unrecognized character in action: " + GoQuote.unicodeRune(c));
      }
    }
    return true;
  }

  private void single(Kind k) {
    pos++;
    emit(k);
  }

  /** {@code $name}, {@code $}, {@code .name} or a lone dot. */
  private void lexWord(Kind k) {
    pos++;
    while (pos < in.length() && isAlnum(in.codePointAt(pos))) {
      pos += Character.charCount(in.codePointAt(pos));
    }
    if (k == Kind.FIELD && pos == start + 1) {
      emit(Kind.DOT);
      return;
    }
    emit(k);
  }

  private boolean lexIdentifier() {
    while (pos < in.length() && isAlnum(in.codePointAt(pos))) {
      pos += Character.charCount(in.codePointAt(pos));
    }
    if (!atTerminator()) {
      return error("bad character " + GoQuote.unicodeRune(in.codePointAt(pos)));
    }
    String word = in.substring(start, pos);
    Kind k = KEYWORDS.get(word);
    if (k != null) {
      emit(k);
    } else if (word.equals("true") || word.equals("false")) {
      emit(Kind.BOOL);
    } else {
      emit(Kind.IDENTIFIER);
    }
    return true;
  }

  private boolean atTerminator() {
    if (pos >= in.length()) {
      return true;
    }
    char c = in.charAt(pos);
    return isSpace(c)
        || c == '.'
        || c == ','
        || c == '|'
        || c == ':'
        || c == ')'
        || c == '('
        || in.startsWith(RIGHT, pos);
  }

  private boolean lexNumber() {
    pos = LexLiterals.number(in, pos);
    if (pos < in.length() && isAlnum(in.codePointAt(pos))) {
      pos++;
      return error("bad number syntax: " + GoQuote.quote(in.substring(start, pos)));
    }
    emit(Kind.NUMBER);
    return true;
  }

  /** Emits a scanned literal ending at {@code end}, or the error when it is unterminated (-1). */
  private boolean literal(int end, Kind k, String unterminated) {
    if (end < 0) {
      return error(unterminated);
    }
    pos = end;
    emit(k);
    return true;
  }

  private void skipSpaces() {
    while (pos < in.length() && isSpace(in.charAt(pos))) {
      pos++;
    }
  }

  private void emit(Kind k) {
    out.add(new Token(k, in.substring(start, pos), start, startLine));
    ignore();
  }

  private void ignore() {
    for (int i = start; i < pos; i++) {
      if (in.charAt(i) == '\n') {
        line++;
      }
    }
    start = pos;
    startLine = line;
  }

  private boolean error(String message) {
    out.add(new Token(Kind.ERROR, message, start, startLine));
    return false;
  }

  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(int c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
