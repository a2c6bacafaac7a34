package io.moraine.promql.parser;

import org.jspecify.annotations.Nullable;

/**
 * One token of lookahead over the {@link Lexer}, and syntax errors worded as Prometheus's {@code
 * unexpected(context, expected)}. A token is lexed only when the parser looks at it, so lexical
 * errors surface in the order Prometheus's parser meets them. One per parse.
 */
final class TokenStream {
  private final Lexer lex;
  private boolean peeked;
  private int aggregationDepth;

  /** A consumed token. */
  record Token(TokenType type, int start, int end, String text) {}

  TokenStream(String input) {
    this.lex = new Lexer(input);
  }

  String input() {
    return lex.input();
  }

  /** The lookahead token's type, lexing it when needed. */
  TokenType peek() {
    if (!peeked) {
      lex.next();
      peeked = true;
    }
    return lex.type;
  }

  /** Where the lookahead token starts. */
  int peekStart() {
    peek();
    return lex.start;
  }

  /** Consumes the lookahead token. */
  Token take() {
    peek();
    peeked = false;
    return new Token(lex.type, lex.start, lex.end, lex.text());
  }

  /** Consumes the lookahead token; returns its end. */
  int skip() {
    peek();
    peeked = false;
    return lex.end;
  }

  /** Marks entering ({@code +1}) or leaving ({@code -1}) an aggregation's arguments. */
  void aggregation(int delta) {
    aggregationDepth += delta;
  }

  ParseException errorAt(int offset, String reason) {
    return ParseErrors.at(lex.input(), offset, reason);
  }

  /**
   * A syntax error at the lookahead token. With no context, an error inside an aggregation's
   * arguments names it, as the grammar's {@code aggregate_op error} production does.
   */
  ParseException unexpected(@Nullable String context, @Nullable String expected) {
    peek();
    StringBuilder sb = new StringBuilder("unexpected ").append(describe(lex.type, lex.text()));
    String ctx = context == null && aggregationDepth > 0 ? "aggregation" : context;
    if (ctx != null) {
      sb.append(" in ").append(ctx);
    }
    if (expected != null) {
      sb.append(", expected ").append(expected);
    }
    return errorAt(lex.start, sb.toString());
  }

  /** A token as Prometheus's {@code Item.desc()} names it. */
  static String describe(TokenType t, String val) {
    if (t == TokenType.AT) {
      // Prometheus lists no text for "@", so it is named by its yacc token number.
      return "\"<Item 57385>\" <op:" + val + ">";
    }
    return switch (t.group) {
      case OPERATOR -> "<op:" + val + ">";
      case AGGREGATOR -> "<aggr:" + val + ">";
      case KEYWORD -> "<" + val + ">";
      case PUNCT, PREPROCESSOR -> quoteShort(val);
      case OTHER ->
          switch (t) {
            case EOF -> "end of input";
            case IDENTIFIER -> "identifier " + GoText.quote(val);
            case METRIC_IDENTIFIER -> "metric identifier " + GoText.quote(val);
            case NUMBER -> "number " + quoteShort(val);
            case DURATION -> "duration " + quoteShort(val);
            case STRING -> "string " + quoteShort(val);
            default -> quoteShort(val);
          };
    };
  }

  /** Go's {@code %q}, or {@code %.10q...} (ten characters) past ten UTF-8 bytes. */
  private static String quoteShort(String val) {
    if (val.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 10) {
      return GoText.quote(val);
    }
    int runes = Math.min(10, val.codePointCount(0, val.length()));
    return GoText.quote(val.substring(0, val.offsetByCodePoints(0, runes))) + "...";
  }
}
