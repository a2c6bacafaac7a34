package io.moraine.promql.script;

/**
 * A test script that cannot be read as one: an unknown command, a bad duration, a series
 * description or expected line that does not parse. {@link #getMessage} is {@code "line N:
 * reason"}.
 */
public final class ScriptFormatException extends RuntimeException {
  private final int line;
  private final String reason;

  /**
   * @param line 1-based line of the script
   * @param reason what is wrong, without the position
   */
  public ScriptFormatException(int line, String reason) {
    super("line " + line + ": " + reason, null, false, false);
    this.line = line;
    this.reason = reason;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
