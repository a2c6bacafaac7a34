package io.moraine.logs.logql.parser;

/**
 * A query that is not valid LogQL. {@link #getMessage} has Loki's form, {@code parse error at line
 * 1, col 16: syntax error: unexpected IDENTIFIER, expecting STRING}; the HTTP API answers it with
 * status 400. Positions are 1-based; columns count Unicode code points, as Loki's scanner does.
 */
public final class LogqlParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String reason;

  /**
   * @param line 1-based line of the offending token
   * @param column 1-based column of the offending token
   * @param reason what is wrong, without the position prefix
   */
  public LogqlParseException(int line, int column, String reason) {
    super("parse error at line " + line + ", col " + column + ": " + reason, null, false, false);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** The 1-based line of the offending token. */
  public int line() {
    return line;
  }

  /** The 1-based column (in code points) of the offending token. */
  public int column() {
    return column;
  }

  /** What is wrong, without the {@code parse error at ...} prefix. */
  public String reason() {
    return reason;
  }
}
