package io.moraine.logs.logql.parser;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads a token list; raises the lexer's error when the parser reaches it. Not thread-safe. */
final class TokenCursor {
  private final List<Token> tokens;
  private int index;

  TokenCursor(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The current token; throws the lexing error when the current token is one. */
  Token peek() {
    Token t = tokens.get(index);
    if (t.is(TokenType.ERROR)) {
      throw new LogqlParseException(t.line(), t.column(), t.text());
    }
    return t;
  }

  /** The token {@code ahead} places on, without raising errors. */
  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  boolean at(TokenType type) {
    return peek().is(type);
  }

  Token next() {
    Token t = peek();
    if (!t.is(TokenType.EOF)) {
      index++;
    }
    return t;
  }

  boolean accept(TokenType type) {
    if (at(type)) {
      next();
      return true;
    }
    return false;
  }

  /** Consumes a token of {@code type} or fails naming what was expected (null: nothing named). */
  Token expect(TokenType type, @Nullable String expecting) {
    if (!at(type)) {
      throw unexpected(expecting);
    }
    return next();
  }

  /** Loki's syntax error for the current token. */
  LogqlParseException unexpected(@Nullable String expecting) {
    Token t = peek();
    String reason = "syntax error: unexpected " + t.display();
    if (expecting != null) {
      reason += ", expecting " + expecting;
    }
    return new LogqlParseException(t.line(), t.column(), reason);
  }

  static LogqlParseException at(Token t, String reason) {
    return new LogqlParseException(t.line(), t.column(), reason);
  }
}
