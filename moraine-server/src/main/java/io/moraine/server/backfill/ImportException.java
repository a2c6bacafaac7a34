package io.moraine.server.backfill;

/**
 * An input line an import cannot take. The command prints {@code moraine: <file>:<line>: <reason>}
 * and exits with status 2.
 */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final String reason;

  /**
   * @param line the 1-based line number in the input
   * @param reason what is wrong, without file or line
   */
  public ImportException(long line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
