package io.moraine.logs.logql.parser;

import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.LogSelector;
import java.util.Objects;

/**
 * Parses LogQL as Loki 2.9 does: the same grammar (plus Loki 3's {@code or} alternatives and {@code
 * |>}/{@code !>} pattern line filters), the same semantic checks and the same error words, with the
 * position of the offending token. Stateless and thread-safe.
 */
public final class LogqlParser {
  /** Loki's limit on a query's length, in bytes of its UTF-16 form as Loki counts Go bytes. */
  static final int MAX_INPUT_SIZE = 5120;

  private LogqlParser() {}

  /**
   * Parses and validates a log or metric query.
   *
   * @throws LogqlParseException when the query is not valid LogQL; the message is Loki's
   */
  public static Expr parse(String query) {
    Objects.requireNonNull(query, "query");
    int size = query.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (size >= MAX_INPUT_SIZE) {
      throw new LogqlParseException(
          1, 1, "input size too long (" + size + " > " + MAX_INPUT_SIZE + ")");
    }
    TokenCursor in = new TokenCursor(Lexer.lex(query));
    ExprParser parser = new ExprParser(in);
    Expr expr = parser.expression(0);
    if (!in.at(TokenType.EOF)) {
      throw in.unexpected(null);
    }
    new Validator(parser.nodeErrors, parser.pipeline.selectorPositions).validate(expr);
    return expr;
  }

  /**
   * Parses a log query only (a selector and its pipeline), as {@code /series} and {@code /tail}
   * take.
   *
   * @throws LogqlParseException when the query is not valid LogQL or is a metric query
   */
  public static LogSelector parseLogSelector(String query) {
    Expr expr = parse(query);
    if (expr instanceof LogSelector s) {
      return s;
    }
    throw new LogqlParseException(1, 1, "only log selector is supported");
  }
}
