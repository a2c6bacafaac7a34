package io.moraine.server.config;

import io.moraine.rules.file.RuleError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rule files that cannot be used: every problem of every file, each {@code FILE:LINE:COLUMN:
 * REASON}, one per line of the message. The caller keeps the rules it had.
 */
public final class RuleFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<RuleError> errors;

  public RuleFileException(List<RuleError> errors) {
    super(errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("BUG: a RuleFileException without errors");
    }
    this.errors = List.copyOf(errors);
  }

  /** The problems in file order; never empty. */
  public List<RuleError> errors() {
    return errors;
  }
}
