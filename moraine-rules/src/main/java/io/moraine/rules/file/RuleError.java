package io.moraine.rules.file;

import java.util.Objects;

/**
 * One problem found in a rule file, worded as promtool 2.42 words it.
 *
 * @param file the file's path as given (the prefix of {@link #toString})
 * @param line 1-based line of the offending node, or 0 when the problem has no position
 * @param column 1-based column of the offending node, or 0 when the problem has no position
 * @param message the reason, e.g. {@code group "g", rule 1, "x": invalid recording rule name: 1x}
 */
public record RuleError(String file, int line, int column, String message) {
  public RuleError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** A problem at {@code position} ({@link Position#UNKNOWN} for none). */
  public static RuleError at(String file, Position position, String message) {
    return new RuleError(file, position.line(), position.column(), message);
  }

  /** {@code FILE:LINE:COLUMN: MESSAGE}, or {@code FILE: MESSAGE} without a position. */
  @Override
  public String toString() {
    return line == 0 ? file + ": " + message : file + ":" + line + ":" + column + ": " + message;
  }
}
