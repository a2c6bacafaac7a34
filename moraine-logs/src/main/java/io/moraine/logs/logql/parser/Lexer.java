package io.moraine.logs.logql.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a query into tokens as Loki 2.9's lexer does (Go's text/scanner underneath): numbers
 * directly followed by a unit are DURATION or BYTES tokens, {@code [..]} is one RANGE token, a
 * function name is a function token only when {@code (} or a grouping follows, keywords are
 * reserved, and an unknown character is an IDENTIFIER. Lexing stops at the first error, which
 * becomes an ERROR token.
 */
final class Lexer {
  private static final Map<String, TokenType> KEYWORDS =
      Map.ofEntries(
          Map.entry("by", TokenType.BY),
          Map.entry("without", TokenType.WITHOUT),
          Map.entry("bool", TokenType.BOOL),
          Map.entry("offset", TokenType.OFFSET),
          Map.entry("on", TokenType.ON),
          Map.entry("ignoring", TokenType.IGNORING),
          Map.entry("group_left", TokenType.GROUP_LEFT),
          Map.entry("group_right", TokenType.GROUP_RIGHT),
          Map.entry("or", TokenType.OR),
          Map.entry("and", TokenType.AND),
          Map.entry("unless", TokenType.UNLESS),
          Map.entry("json", TokenType.JSON),
          Map.entry("regexp", TokenType.REGEXP),
          Map.entry("logfmt", TokenType.LOGFMT),
          Map.entry("unpack", TokenType.UNPACK),
          Map.entry("pattern", TokenType.PATTERN),
          Map.entry("label_format", TokenType.LABEL_FMT),
          Map.entry("line_format", TokenType.LINE_FMT),
          Map.entry("decolorize", TokenType.DECOLORIZE),
          Map.entry("drop", TokenType.DROP),
          Map.entry("keep", TokenType.KEEP),
          Map.entry("unwrap", TokenType.UNWRAP));

  private static final Map<String, TokenType> OPERATORS =
      Map.ofEntries(
          Map.entry("|=", TokenType.PIPE_EXACT),
          Map.entry("|~", TokenType.PIPE_MATCH),
          Map.entry("|>", TokenType.PIPE_PATTERN),
          Map.entry("!>", TokenType.NPA),
          Map.entry("!=", TokenType.NEQ),
          Map.entry("!~", TokenType.NRE),
          Map.entry("=~", TokenType.RE),
          Map.entry("==", TokenType.CMP_EQ),
          Map.entry(">=", TokenType.GTE),
          Map.entry("<=", TokenType.LTE),
          Map.entry(",", TokenType.COMMA),
          Map.entry(".", TokenType.DOT),
          Map.entry("{", TokenType.OPEN_BRACE),
          Map.entry("}", TokenType.CLOSE_BRACE),
          Map.entry("=", TokenType.EQ),
          Map.entry("|", TokenType.PIPE),
          Map.entry("(", TokenType.OPEN_PAREN),
          Map.entry(")", TokenType.CLOSE_PAREN),
          Map.entry("+", TokenType.ADD),
          Map.entry("-", TokenType.SUB),
          Map.entry("*", TokenType.MUL),
          Map.entry("/", TokenType.DIV),
          Map.entry("%", TokenType.MOD),
          Map.entry("^", TokenType.POW),
          Map.entry(">", TokenType.GT),
          Map.entry("<", TokenType.LT));

  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;
  private int startLine;
  private int startCol;

  private Lexer(String src) {
    this.src = src;
  }

  /** All tokens of {@code src}, ending with EOF or with the first ERROR. */
  static List<Token> lex(String src) {
    Lexer lexer = new Lexer(src);
    List<Token> out = new ArrayList<>();
    while (true) {
      Token t;
      try {
        t = lexer.next();
      } catch (LexError e) {
        out.add(new Token(TokenType.ERROR, e.reason, 0, e.line, e.column));
        return out;
      }
      out.add(t);
      if (t.is(TokenType.EOF)) {
        return out;
      }
    }
  }

  /** A lexing failure at a token's start. */
  private static final class LexError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String reason;

    LexError(String message, int line, int column) {
      super(message, null, false, false);
      this.reason = message;
      this.line = line;
      this.column = column;
    }
  }

  private LexError error(String message) {
    return new LexError(message, startLine, startCol);
  }

  private int peekCp() {
    return pos < src.length() ? src.codePointAt(pos) : -1;
  }

  private int peekCp(int at) {
    return at < src.length() ? src.codePointAt(at) : -1;
  }

  private int advance() {
    int cp = src.codePointAt(pos);
    pos += Character.charCount(cp);
    if (cp == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    return cp;
  }

  private Token token(TokenType type, String text, long number) {
    return new Token(type, text, number, startLine, startCol);
  }

  private Token next() {
    skipSpaceAndComments();
    startLine = line;
    startCol = col;
    int start = pos;
    int c = peekCp();
    if (c < 0) {
      return token(TokenType.EOF, "", 0);
    }
    if (c == '_' || Character.isLetter(c)) {
      while (pos < src.length() && isIdentPart(peekCp())) {
        advance();
      }
      return identifier(src.substring(start, pos));
    }
    if (isDigit(c) || (c == '.' && isDigit(peekCp(pos + 1)))) {
      return number(start);
    }
    return switch (c) {
      case '"' -> quoted();
      case '`' -> raw();
      case '\'' -> charLiteral(start);
      case '[' -> range();
      case '-' -> minus();
      default -> operator();
    };
  }

  private void skipSpaceAndComments() {
    while (pos < src.length()) {
      int c = peekCp();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '#' || (c == '/' && peekCp(pos + 1) == '/')) {
        while (pos < src.length() && peekCp() != '\n') {
          advance();
        }
      } else if (c == '/' && peekCp(pos + 1) == '*') {
        startLine = line;
        startCol = col;
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw error("comment not terminated");
        }
        while (pos < end + 2) {
          advance();
        }
      } else {
        return;
      }
    }
  }

  private static boolean isIdentPart(int c) {
    return c == '_' || Character.isLetter(c) || Character.isDigit(c);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private Token identifier(String text) {
    TokenType fn = functionType(text);
    if (fn != null) {
      return token(isFunctionCall() ? fn : TokenType.IDENTIFIER, text, 0);
    }
    TokenType keyword = KEYWORDS.get(text);
    return token(keyword != null ? keyword : TokenType.IDENTIFIER, text, 0);
  }

  private static @org.jspecify.annotations.Nullable TokenType functionType(String text) {
    return switch (text) {
      case "rate",
          "rate_counter",
          "count_over_time",
          "bytes_rate",
          "bytes_over_time",
          "avg_over_time",
          "sum_over_time",
          "min_over_time",
          "max_over_time",
          "stdvar_over_time",
          "stddev_over_time",
          "quantile_over_time",
          "first_over_time",
          "last_over_time",
          "absent_over_time" ->
          TokenType.RANGE_FN;
      case "sum",
          "avg",
          "max",
          "min",
          "count",
          "stddev",
          "stdvar",
          "bottomk",
          "topk",
          "sort",
          "sort_desc" ->
          TokenType.VECTOR_FN;
      case "vector" -> TokenType.VECTOR;
      case "label_replace" -> TokenType.LABEL_REPLACE;
      case "bytes", "duration", "duration_seconds" -> TokenType.CONV_FN;
      case "ip" -> TokenType.IP;
      default -> null;
    };
  }

  /** Whether {@code (}, {@code by (} or {@code without (} follows, after blanks. */
  private boolean isFunctionCall() {
    int at = skipBlanks(pos);
    if (src.startsWith("(", at)) {
      return true;
    }
    for (String grouping : new String[] {"by", "without"}) {
      if (src.startsWith(grouping, at)) {
        return src.startsWith("(", skipBlanks(at + grouping.length()));
      }
    }
    return false;
  }

  private int skipBlanks(int at) {
    while (at < src.length() && Character.isWhitespace(src.codePointAt(at))) {
      at += Character.charCount(src.codePointAt(at));
    }
    return at;
  }

  private Token number(int start) {
    int c = peekCp();
    int next = peekCp(pos + 1);
    if (c == '0'
        && (next == 'x'
            || next == 'X'
            || next == 'o'
            || next == 'O'
            || next == 'b'
            || next == 'B')) {
      advance();
      advance();
      while (pos < src.length() && (Character.isLetterOrDigit(peekCp()) || peekCp() == '_')) {
        advance();
      }
    } else {
      digits();
      if (peekCp() == '.') {
        advance();
        digits();
      }
      if (peekCp() == 'e' || peekCp() == 'E') {
        advance();
        if (peekCp() == '+' || peekCp() == '-') {
          advance();
        }
        if (!isDigit(peekCp())) {
          throw error("exponent has no digits");
        }
        digits();
      }
    }
    String text = src.substring(start, pos);
    Token unit = durationOrBytes(text);
    return unit != null ? unit : token(TokenType.NUMBER, text, 0);
  }

  private void digits() {
    while (isDigit(peekCp()) || peekCp() == '_') {
      advance();
    }
  }

  /** Loki's tryScanDuration then tryScanBytes: a unit glued to the number. */
  private @org.jspecify.annotations.Nullable Token durationOrBytes(String text) {
    int end = unitEnd("nuµmshdwy");
    if (end > pos) {
      String candidate = text + src.substring(pos, end);
      try {
        long nanos = GoDurations.parseLoki(candidate);
        skipTo(end);
        return token(TokenType.DURATION, candidate, nanos);
      } catch (IllegalArgumentException e) {
        // not a duration: maybe bytes
      }
    }
    end = unitEnd("BikKMGTP");
    if (end > pos) {
      String candidate = text + src.substring(pos, end);
      long bytes = HumanBytes.parse(candidate);
      if (bytes >= 0) {
        skipTo(end);
        return token(TokenType.BYTES, candidate, bytes);
      }
    }
    return null;
  }

  private int unitEnd(String unitRunes) {
    int at = pos;
    while (at < src.length()) {
      int c = src.codePointAt(at);
      if (Character.isWhitespace(c)
          || !(Character.isDigit(c) || c == '.' || unitRunes.indexOf(c) >= 0)) {
        break;
      }
      at += Character.charCount(c);
    }
    return at;
  }

  private void skipTo(int end) {
    while (pos < end) {
      advance();
    }
  }

  private Token minus() {
    advance();
    if (peekCp() == '-') {
      int at = pos;
      while (at < src.length()
          && (Character.isLetter(src.codePointAt(at)) || src.charAt(at) == '-')) {
        at += Character.charCount(src.codePointAt(at));
      }
      String flag = "-" + src.substring(pos, at);
      if (flag.equals("--strict") || flag.equals("--keep-empty")) {
        skipTo(at);
        return token(TokenType.PARSER_FLAG, flag, 0);
      }
    }
    Token duration = durationOrBytesAfterMinus();
    return duration != null ? duration : token(TokenType.SUB, "-", 0);
  }

  private @org.jspecify.annotations.Nullable Token durationOrBytesAfterMinus() {
    int end = unitEnd("nuµmshdwy");
    if (end == pos) {
      return null;
    }
    String candidate = "-" + src.substring(pos, end);
    try {
      long nanos = GoDurations.parseLoki(candidate);
      skipTo(end);
      return token(TokenType.DURATION, candidate, nanos);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Token operator() {
    int c = advance();
    String one = new String(Character.toChars(c));
    int next = peekCp();
    if (next >= 0) {
      TokenType two = OPERATORS.get(one + new String(Character.toChars(next)));
      if (two != null) {
        advance();
        return token(two, one + new String(Character.toChars(next)), 0);
      }
    }
    TokenType single = OPERATORS.get(one);
    return token(single != null ? single : TokenType.IDENTIFIER, one, 0);
  }

  private Token range() {
    advance();
    int start = pos;
    while (pos < src.length()) {
      if (peekCp() == ']') {
        String text = src.substring(start, pos);
        advance();
        try {
          return token(TokenType.RANGE, text, GoDurations.parsePrometheus(text));
        } catch (IllegalArgumentException e) {
          throw error(String.valueOf(e.getMessage()));
        }
      }
      advance();
    }
    throw error("missing closing ']' in duration");
  }

  private Token raw() {
    advance();
    int start = pos;
    while (pos < src.length()) {
      if (peekCp() == '`') {
        String text = src.substring(start, pos);
        advance();
        return token(TokenType.STRING, text, 0);
      }
      advance();
    }
    throw error("literal not terminated");
  }

  private Token charLiteral(int start) {
    advance();
    int n = 0;
    while (true) {
      int c = peekCp();
      if (c < 0 || c == '\n') {
        throw error("literal not terminated");
      }
      advance();
      if (c == '\'') {
        break;
      }
      if (c == '\\') {
        escape('\'', new ByteArrayOutputStream());
      }
      n++;
    }
    if (n != 1) {
      throw error("illegal char literal");
    }
    return token(TokenType.IDENTIFIER, src.substring(start, pos), 0);
  }

  private Token quoted() {
    advance();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int c = peekCp();
      if (c < 0 || c == '\n') {
        throw error("literal not terminated");
      }
      advance();
      if (c == '"') {
        return token(TokenType.STRING, out.toString(StandardCharsets.UTF_8), 0);
      }
      if (c == '\\') {
        escape('"', out);
      } else {
        byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      }
    }
  }

  /** Decodes one escape after a backslash as Go does; {@code \x} and octal give raw bytes. */
  private void escape(int quote, ByteArrayOutputStream out) {
    int c = peekCp();
    if (c < 0) {
      throw error("literal not terminated");
    }
    advance();
    int simple =
        switch (c) {
          case 'a' -> 7;
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'v' -> 0x0b;
          case '\\' -> '\\';
          default -> c == quote ? quote : -1;
        };
    if (simple >= 0) {
      out.write(simple);
      return;
    }
    if (c >= '0' && c <= '7') {
      int v = (c - '0') * 64 + digitsValue(2, 8);
      if (v > 255) {
        throw error("invalid char escape");
      }
      out.write(v);
      return;
    }
    int v =
        switch (c) {
          case 'x' -> digitsValue(2, 16);
          case 'u' -> digitsValue(4, 16);
          case 'U' -> digitsValue(8, 16);
          default -> throw error("invalid char escape");
        };
    if (c == 'x') {
      out.write(v);
      return;
    }
    if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) {
      throw error("invalid char escape");
    }
    byte[] utf8 = new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8);
    out.write(utf8, 0, utf8.length);
  }

  private int digitsValue(int count, int radix) {
    int v = 0;
    for (int i = 0; i < count; i++) {
      int d = peekCp() < 0 ? -1 : Character.digit(peekCp(), radix);
      if (d < 0) {
        throw error("invalid char escape");
      }
      advance();
      v = v * radix + d;
    }
    return v;
  }
}
