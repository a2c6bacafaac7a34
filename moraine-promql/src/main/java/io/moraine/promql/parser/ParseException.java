package io.moraine.promql.parser;

/**
 * A query that is not valid PromQL. {@link #getMessage} is Prometheus's text, {@code "line:column:
 * parse error: reason"}; the HTTP API answers it as {@code bad_data}.
 */
public final class ParseException extends RuntimeException {
  private final int line;
  private final int column;
  private final String reason;

  /**
   * @param line 1-based line of the offending position
   * @param column 1-based column of the offending position
   * @param reason what is wrong, without the position prefix
   */
  public ParseException(int line, int column, String reason) {
    super(line + ":" + column + ": parse error: " + reason, null, false, false);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
