package io.moraine.agent.procfs;

import java.io.IOException;
import java.nio.file.Path;

/** A file under procfs, sysfs or the root has content a collector cannot parse. */
public final class MalformedProcFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  /**
   * @param file the file read
   * @param line the 1-based line where parsing failed, or 0 when the file as a whole is wrong
   * @param reason what was wrong, e.g. {@code "expected a number, got \"x\""}
   */
  public MalformedProcFileException(Path file, int line, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason);
    this.file = file;
    this.line = line;
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** The 1-based line where parsing failed, or 0 when the file as a whole is wrong. */
  public int line() {
    return line;
  }
}
