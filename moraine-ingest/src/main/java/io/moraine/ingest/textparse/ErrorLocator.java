package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte position into a {@link TextParseException} with the line and column in the whole
 * input. Lines before the parsed range are counted only when an error needs them, so a parser of a
 * later range pays nothing on the good path. Not thread-safe; one per parser.
 */
final class ErrorLocator {
  private final MemorySegment input;
  private long rangeStart;
  private long linesBeforeRange = -1;

  /** Line breaks passed since {@link #reset}. */
  long linesInRange;

  /** Where the current line starts. */
  long lineStart;

  ErrorLocator(MemorySegment input) {
    this.input = input;
  }

  void reset(long rangeStart) {
    this.rangeStart = rangeStart;
    this.linesBeforeRange = -1;
    this.linesInRange = 0;
    this.lineStart = rangeStart;
  }

  /** The exception for {@code reason} at byte {@code pos} of the current line. */
  TextParseException at(long pos, String reason) {
    if (linesBeforeRange < 0) {
      linesBeforeRange = Scan.countLineBreaks(input, 0, rangeStart);
    }
    return new TextParseException(
        linesBeforeRange + linesInRange + 1, Math.max(1, pos - lineStart + 1), reason);
  }

  /** A short, quoted excerpt of the input at {@code [from, to)} for messages. */
  String excerpt(long from, long to) {
    long end = Math.min(Math.min(to, input.byteSize()), from + 64);
    byte[] b = input.asSlice(from, Math.max(0, end - from)).toArray(ValueLayout.JAVA_BYTE);
    return GoFloat.quote(new String(b, StandardCharsets.UTF_8));
  }
}
