package io.moraine.logs.logql.parser;

/**
 * One lexed token.
 *
 * @param type the kind
 * @param text the source text, or for STRING the unquoted value, for PARSER_FLAG the flag, for
 *     ERROR the message
 * @param number the value of DURATION/RANGE (nanoseconds) and BYTES tokens, else 0
 * @param line 1-based line of the first character
 * @param column 1-based column (code points) of the first character
 */
record Token(TokenType type, String text, long number, int line, int column) {
  /** The token's name in Loki's error messages. */
  String display() {
    return type.display(text);
  }

  boolean is(TokenType t) {
    return type == t;
  }
}
