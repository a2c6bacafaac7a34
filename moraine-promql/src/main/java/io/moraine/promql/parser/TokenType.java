package io.moraine.promql.parser;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The lexer's token kinds, grouped as Prometheus groups its item types: the group decides how a
 * token is named in an "unexpected ..." message.
 */
enum TokenType {
  EOF(Group.OTHER, null),
  IDENTIFIER(Group.OTHER, null),
  METRIC_IDENTIFIER(Group.OTHER, null),
  NUMBER(Group.OTHER, null),
  DURATION(Group.OTHER, null),
  STRING(Group.OTHER, null),
  LEFT_PAREN(Group.PUNCT, "("),
  RIGHT_PAREN(Group.PUNCT, ")"),
  LEFT_BRACE(Group.PUNCT, "{"),
  RIGHT_BRACE(Group.PUNCT, "}"),
  LEFT_BRACKET(Group.PUNCT, "["),
  RIGHT_BRACKET(Group.PUNCT, "]"),
  COMMA(Group.PUNCT, ","),
  EQL(Group.PUNCT, "="),
  COLON(Group.PUNCT, ":"),

  ADD(Group.OPERATOR, "+"),
  SUB(Group.OPERATOR, "-"),
  MUL(Group.OPERATOR, "*"),
  DIV(Group.OPERATOR, "/"),
  MOD(Group.OPERATOR, "%"),
  POW(Group.OPERATOR, "^"),
  EQLC(Group.OPERATOR, "=="),
  NEQ(Group.OPERATOR, "!="),
  LTE(Group.OPERATOR, "<="),
  LSS(Group.OPERATOR, "<"),
  GTE(Group.OPERATOR, ">="),
  GTR(Group.OPERATOR, ">"),
  EQL_REGEX(Group.OPERATOR, "=~"),
  NEQ_REGEX(Group.OPERATOR, "!~"),
  LAND(Group.OPERATOR, "and"),
  LOR(Group.OPERATOR, "or"),
  LUNLESS(Group.OPERATOR, "unless"),
  ATAN2(Group.OPERATOR, "atan2"),
  AT(Group.OPERATOR, "@"),

  AVG(Group.AGGREGATOR, "avg"),
  BOTTOMK(Group.AGGREGATOR, "bottomk"),
  COUNT(Group.AGGREGATOR, "count"),
  COUNT_VALUES(Group.AGGREGATOR, "count_values"),
  GROUP(Group.AGGREGATOR, "group"),
  MAX(Group.AGGREGATOR, "max"),
  MIN(Group.AGGREGATOR, "min"),
  QUANTILE(Group.AGGREGATOR, "quantile"),
  STDDEV(Group.AGGREGATOR, "stddev"),
  STDVAR(Group.AGGREGATOR, "stdvar"),
  SUM(Group.AGGREGATOR, "sum"),
  TOPK(Group.AGGREGATOR, "topk"),

  BOOL(Group.KEYWORD, "bool"),
  BY(Group.KEYWORD, "by"),
  GROUP_LEFT(Group.KEYWORD, "group_left"),
  GROUP_RIGHT(Group.KEYWORD, "group_right"),
  IGNORING(Group.KEYWORD, "ignoring"),
  OFFSET(Group.KEYWORD, "offset"),
  ON(Group.KEYWORD, "on"),
  WITHOUT(Group.KEYWORD, "without"),

  START(Group.PREPROCESSOR, "start"),
  END(Group.PREPROCESSOR, "end");

  /** How Prometheus classifies an item type. */
  enum Group {
    OTHER,
    PUNCT,
    OPERATOR,
    AGGREGATOR,
    KEYWORD,
    PREPROCESSOR
  }

  private static final Map<String, TokenType> WORDS = new HashMap<>();

  static {
    for (TokenType t : values()) {
      if (t.text != null && Character.isLetter(t.text.charAt(0))) {
        WORDS.put(t.text, t);
      }
    }
    WORDS.put("inf", NUMBER);
    WORDS.put("nan", NUMBER);
  }

  final Group group;
  final @Nullable String text;

  TokenType(Group group, @Nullable String text) {
    this.group = group;
    this.text = text;
  }

  /** The keyword, operator word, aggregator or special number a word lexes as, else null. */
  static @Nullable TokenType word(String word) {
    TokenType t = WORDS.get(word);
    if (t == null && hasUpperCase(word)) {
      t = WORDS.get(word.toLowerCase(Locale.ROOT));
    }
    return t;
  }

  private static boolean hasUpperCase(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  /** Whether the token may be a metric name in a selector (Prometheus's metric_identifier). */
  boolean isMetricIdentifier() {
    return switch (this) {
      case AVG,
          BOTTOMK,
          BY,
          COUNT,
          COUNT_VALUES,
          GROUP,
          IDENTIFIER,
          LAND,
          LOR,
          LUNLESS,
          MAX,
          METRIC_IDENTIFIER,
          MIN,
          OFFSET,
          QUANTILE,
          STDDEV,
          STDVAR,
          SUM,
          TOPK,
          WITHOUT,
          START,
          END ->
          true;
      default -> false;
    };
  }

  /** Whether the token may stand for a label in grouping lists (Prometheus's maybe_label). */
  boolean isMaybeLabel() {
    return group == Group.AGGREGATOR
        || (group == Group.KEYWORD && this != WITHOUT)
        || group == Group.PREPROCESSOR
        || this == IDENTIFIER
        || this == METRIC_IDENTIFIER
        || this == LAND
        || this == LOR
        || this == LUNLESS
        || this == ATAN2;
  }
}
