package io.moraine.logs.logql.pipeline;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The entry being processed: its timestamp, current line (a slice of some array) and labels, plus a
 * reusable UTF-16 view of the line for regexes. Reused across entries; not thread-safe.
 */
final class Entry {
  final LabelState labels;
  long timestampNanos;
  byte[] line = new byte[0];
  int offset;
  int length;
  private char[] chars = new char[256];
  private CharBuffer view = CharBuffer.wrap(chars);
  private boolean decoded;

  Entry(LabelState labels) {
    this.labels = labels;
  }

  void setLine(byte[] line, int offset, int length) {
    this.line = line;
    this.offset = offset;
    this.length = length;
    this.decoded = false;
  }

  /** The line decoded to UTF-16 in a reused buffer; valid until the line changes. */
  CharSequence chars() {
    if (!decoded) {
      decode();
      decoded = true;
    }
    return view;
  }

  /** The line as a new String. */
  String lineString() {
    return new String(line, offset, length, StandardCharsets.UTF_8);
  }

  private void decode() {
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
      view = CharBuffer.wrap(chars);
    }
    int n = Utf8.decode(line, offset, length, chars);
    view.clear().limit(n);
  }
}
