package io.moraine.server.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used: unreadable, not YAML, or a value that breaks a rule.
 * The message reads {@code config file <path>:<line>:<column>: <reason>} (without the position when
 * the file as a whole is at fault).
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String reason;

  /** A problem at a position; {@code line} and {@code column} are 1-based. */
  public ConfigException(Path file, int line, int column, String reason) {
    super("config file " + file + ":" + line + ":" + column + ": " + reason);
    this.file = file.toString();
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** A problem with the file as a whole (it cannot be read). */
  public ConfigException(Path file, String reason, Throwable cause) {
    super("config file " + file + ": " + reason, cause);
    this.file = file.toString();
    this.line = 0;
    this.column = 0;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  /** 1-based line, or 0 when the problem has no position. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when the problem has no position. */
  public int column() {
    return column;
  }

  /** The reason alone, without file and position. */
  public String reason() {
    return reason;
  }
}
