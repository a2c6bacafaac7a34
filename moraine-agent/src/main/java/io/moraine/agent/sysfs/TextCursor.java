package io.moraine.agent.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A forward cursor over the bytes of a procfs table (blank-separated fields, one record a line),
 * reading numbers without allocating. Not thread-safe; one per parse.
 */
final class TextCursor {
  private final byte[] bytes;
  private final String source;
  private int pos;
  private int line = 1;

  /**
   * @param bytes the whole file
   * @param source the file's name for error messages
   */
  TextCursor(byte[] bytes, String source) {
    this.bytes = bytes;
    this.source = source;
  }

  /** 1-based line of the cursor, for error messages. */
  int line() {
    return line;
  }

  /** Skips blanks (not newlines); true when a field follows on this line. */
  boolean hasField() {
    while (pos < bytes.length && (bytes[pos] == ' ' || bytes[pos] == '\t')) {
      pos++;
    }
    return pos < bytes.length && bytes[pos] != '\n';
  }

  /** True when there is any line left. */
  boolean hasLine() {
    return pos < bytes.length;
  }

  /** Moves past the end of the current line. */
  void nextLine() {
    while (pos < bytes.length && bytes[pos] != '\n') {
      pos++;
    }
    if (pos < bytes.length) {
      pos++;
      line++;
    }
  }

  /** The next field up to a blank, newline or {@code stop}; {@code stop} itself is consumed. */
  String token(char stop) {
    hasField();
    int start = pos;
    while (pos < bytes.length) {
      byte b = bytes[pos];
      if (b == ' ' || b == '\t' || b == '\n' || b == stop) {
        break;
      }
      pos++;
    }
    String s = new String(bytes, start, pos - start, StandardCharsets.UTF_8);
    if (pos < bytes.length && bytes[pos] == stop) {
      pos++;
    }
    return s;
  }

  /**
   * The next field as an unsigned decimal; a uint64 above {@code Long.MAX_VALUE} wraps negative
   * (convert with {@link #toDouble}).
   *
   * @throws IOException naming the file and line when the field is missing or not a number
   */
  long unsigned() throws IOException {
    hasField();
    int start = pos;
    long v = 0;
    while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
      v = v * 10 + (bytes[pos] - '0');
      pos++;
    }
    boolean endsField =
        pos == bytes.length || bytes[pos] == ' ' || bytes[pos] == '\t' || bytes[pos] == '\n';
    if (pos == start || !endsField) {
      throw new IOException(
          source + " line " + line + ": expected a number at column " + (start + 1 - lineStart()));
    }
    return v;
  }

  private int lineStart() {
    int i = Math.min(pos, bytes.length) - 1;
    while (i >= 0 && bytes[i] != '\n') {
      i--;
    }
    return i + 1;
  }

  /** A uint64 held in a long, as a double. */
  static double toDouble(long unsigned) {
    return unsigned >= 0 ? unsigned : (double) (unsigned >>> 1) * 2.0 + (unsigned & 1);
  }
}
