package io.moraine.logs.logql.parser;

import org.jspecify.annotations.Nullable;

/**
 * LogQL token kinds. {@link #display} is the name Loki's error messages use: the spelling for
 * operators and keywords, an upper-case class name for the rest.
 */
enum TokenType {
  EOF("$end"),
  ERROR("error"),
  IDENTIFIER("IDENTIFIER"),
  STRING("STRING"),
  NUMBER("NUMBER"),
  DURATION("DURATION"),
  RANGE("RANGE"),
  BYTES("BYTES"),
  PARSER_FLAG("PARSER_FLAG"),
  EQ("="),
  NEQ("!="),
  RE("=~"),
  NRE("!~"),
  PIPE_EXACT("|="),
  PIPE_MATCH("|~"),
  PIPE_PATTERN("|>"),
  NPA("!>"),
  PIPE("|"),
  COMMA(","),
  DOT("."),
  OPEN_BRACE("{"),
  CLOSE_BRACE("}"),
  OPEN_PAREN("("),
  CLOSE_PAREN(")"),
  BY("by"),
  WITHOUT("without"),
  BOOL("bool"),
  OFFSET("offset"),
  ON("on"),
  IGNORING("ignoring"),
  GROUP_LEFT("group_left"),
  GROUP_RIGHT("group_right"),
  OR("or"),
  AND("and"),
  UNLESS("unless"),
  JSON("json"),
  REGEXP("regexp"),
  LOGFMT("logfmt"),
  UNPACK("unpack"),
  PATTERN("pattern"),
  LABEL_FMT("label_format"),
  LINE_FMT("line_format"),
  DECOLORIZE("decolorize"),
  DROP("drop"),
  KEEP("keep"),
  UNWRAP("unwrap"),
  ADD("+"),
  SUB("-"),
  MUL("*"),
  DIV("/"),
  MOD("%"),
  POW("^"),
  CMP_EQ("=="),
  GT(">"),
  GTE(">="),
  LT("<"),
  LTE("<="),
  /** A range aggregation name followed by {@code (}; displayed as the upper-cased name. */
  RANGE_FN(null),
  /** A vector aggregation name followed by {@code (} or a grouping. */
  VECTOR_FN(null),
  VECTOR("VECTOR"),
  LABEL_REPLACE("label_replace"),
  /** {@code bytes(}, {@code duration(}, {@code duration_seconds(} after unwrap. */
  CONV_FN(null),
  IP("ip");

  private final @Nullable String display;

  TokenType(@Nullable String display) {
    this.display = display;
  }

  /** The name in error messages; for function tokens, derived from the token's text. */
  String display(String text) {
    if (display != null) {
      return display;
    }
    if (this == CONV_FN) {
      return text.toUpperCase(java.util.Locale.ROOT) + "_CONV";
    }
    return text.toUpperCase(java.util.Locale.ROOT);
  }

  /** Whether this token is a binary operator between sample expressions. */
  boolean binaryOperator() {
    return switch (this) {
      case OR, AND, UNLESS, CMP_EQ, NEQ, GT, GTE, LT, LTE, ADD, SUB, MUL, DIV, MOD, POW -> true;
      default -> false;
    };
  }
}
