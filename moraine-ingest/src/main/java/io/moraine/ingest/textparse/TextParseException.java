package io.moraine.ingest.textparse;

/**
 * Malformed input: the first error in the text, with its place. Thrown at once; nothing after the
 * offending line has reached the sink (lines before it have).
 *
 * <p>The message reads {@code line 12: expected '=' after label name "job"}.
 */
public final class TextParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final long column;
  private final String reason;

  /**
   * @param line 1-based line number in the whole input
   * @param column 1-based byte column within that line
   * @param reason what is wrong, without the place
   */
  public TextParseException(long line, long column, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** 1-based line number in the whole input (not in a split range). */
  public long line() {
    return line;
  }

  /** 1-based byte column within the line. */
  public long column() {
    return column;
  }

  /** What is wrong, without the place. */
  public String reason() {
    return reason;
  }
}
