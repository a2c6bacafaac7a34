package io.moraine.rules.template;

import io.moraine.rules.template.Lexer.Kind;
import io.moraine.rules.template.Lexer.Token;
import io.moraine.rules.template.Parser.ParseError;
import java.util.List;

/**
 * The parser's position in a template's item list, and the line its errors name: each item taken
 * with {@link #next()} moves the error line to that item's line. Past the end it keeps returning
 * the final {@link Kind#EOF} item. Also words parse errors as Go does ({@code template: NAME:LINE:
 * MSG}). Not thread-safe; one instance per parse, shared by its parsers.
 */
final class TokenCursor {
  private final String name;
  private final List<Token> tokens;
  private int next;
  private int line = 1;

  /**
   * A cursor over {@code tokens}, which must end with {@link Kind#EOF}, of template {@code name}.
   */
  TokenCursor(String name, List<Token> tokens) {
    this.name = name;
    this.tokens = tokens;
  }

  /** The position, for {@link #reset(int)}. */
  int mark() {
    return next;
  }

  /** Goes back to a position from {@link #mark()}; the error line stays where it is. */
  void reset(int mark) {
    next = mark;
  }

  /** Gives back the item just taken; the error line stays where it is. */
  void backup() {
    next--;
  }

  /** Steps over space items without moving the error line. */
  void skipSpaces() {
    while (peek().kind() == Kind.SPACE) {
      next++;
    }
  }

  Token peek() {
    return tokens.get(Math.min(next, tokens.size() - 1));
  }

  Token next() {
    Token t = peek();
    next++;
    line = t.line();
    return t;
  }

  Token nextNonSpace() {
    Token t = next();
    while (t.kind() == Kind.SPACE) {
      t = next();
    }
    return t;
  }

  Token peekNonSpace() {
    int i = Math.min(next, tokens.size() - 1);
    while (tokens.get(i).kind() == Kind.SPACE) {
      i++;
    }
    return tokens.get(i);
  }

  /** Takes the next non-space item, failing unless it is of {@code kind}. */
  Token expect(Kind kind, String context) {
    Token t = nextNonSpace();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
    return t;
  }

  /** The Go value of a string, raw string or character item. */
  String unquote(Token t) {
    try {
      return GoLiterals.unquote(t.val());
    } catch (IllegalArgumentException e) {
      throw error(String.valueOf(e.getMessage()));
    }
  }

  /** The error for an item not allowed in {@code context}, or the lexer's own error item. */
  ParseError unexpected(Token t, String context) {
    if (t.kind() == Kind.ERROR) {
      return error(t.val());
    }
    return error("unexpected " + t + " in " + context);
  }

  /** A parse error at the current line. */
  ParseError error(String message) {
    return new ParseError("template: " + name + ":" + line + ": " + message);
  }
}
