package io.moraine.promql.parser;

/** Builds {@link ParseException}s with Prometheus's {@code line:column} for an offset. */
final class ParseErrors {
  private ParseErrors() {}

  /**
   * An error at a UTF-16 offset of {@code input}. The column counts UTF-8 bytes from the line's
   * start plus one, as Prometheus (which indexes its byte string) reports it.
   */
  static ParseException at(String input, int offset, String reason) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(Math.max(offset, 0), input.length());
    for (int i = 0; i < end; i++) {
      if (input.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int bytes = 0;
    for (int i = lineStart; i < end; i++) {
      char c = input.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(input.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return new ParseException(line, bytes + 1, reason);
  }
}
