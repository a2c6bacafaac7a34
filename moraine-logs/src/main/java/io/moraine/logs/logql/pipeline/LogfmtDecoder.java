package io.moraine.logs.logql.pipeline;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A logfmt scanner with go-logfmt's rules as Loki 2.9 vendors them: keys end at {@code =} or a
 * space; values may be bare or double-quoted with Go escapes; a bare key has no value. Errors
 * (unexpected {@code "} or {@code =}, unterminated quote) are remembered with Loki's message. Key
 * and value are offsets into the line; reused, not thread-safe.
 */
final class LogfmtDecoder {
  private byte[] line = new byte[0];
  private int pos;
  private int end;
  private int base;
  int keyStart;
  int keyEnd;

  /** Value bounds; valueStart = -1 for no value; an unescaped value is in {@link #unquoted}. */
  int valueStart;

  int valueEnd;
  @Nullable String unquoted;
  @Nullable String error;

  void reset(byte[] line, int off, int len) {
    this.line = line;
    this.pos = off;
    this.end = off + len;
    this.base = off;
    this.error = null;
  }

  boolean eol() {
    return pos >= end;
  }

  /** Scans the next pair; false on garbage or an error (see {@link #error}). */
  boolean next() {
    keyStart = keyEnd = -1;
    valueStart = valueEnd = -1;
    unquoted = null;
    while (pos < end && (line[pos] & 0xff) <= ' ') {
      pos++;
    }
    if (pos >= end) {
      return false;
    }
    int start = pos;
    while (pos < end) {
      int c = line[pos] & 0xff;
      if (c == '=') {
        if (pos == start) {
          fail("unexpected '='");
          return skip();
        }
        keyStart = start;
        keyEnd = pos;
        pos++;
        return scanValue();
      }
      if (c == '"') {
        fail("unexpected '\"'");
        return skip();
      }
      if (c <= ' ') {
        keyStart = start;
        keyEnd = pos;
        return true;
      }
      pos++;
    }
    keyStart = start;
    keyEnd = pos;
    return true;
  }

  private boolean scanValue() {
    if (pos >= end || (line[pos] & 0xff) <= ' ') {
      return true;
    }
    if (line[pos] == '"') {
      return quoted();
    }
    int start = pos;
    while (pos < end) {
      int c = line[pos] & 0xff;
      if (c == '=' || c == '"') {
        fail(c == '=' ? "unexpected '='" : "unexpected '\"'");
        return skip();
      }
      if (c <= ' ') {
        break;
      }
      pos++;
    }
    valueStart = start;
    valueEnd = pos;
    return true;
  }

  private boolean quoted() {
    int start = pos;
    boolean escaped = false;
    boolean esc = false;
    for (int i = pos + 1; i < end; i++) {
      byte c = line[i];
      if (esc) {
        esc = false;
      } else if (c == '\\') {
        escaped = esc = true;
      } else if (c == '"') {
        pos = i + 1;
        if (escaped) {
          String v =
              GoUnquote.unquote(new String(line, start, pos - start, StandardCharsets.UTF_8));
          if (v == null) {
            fail("invalid quoted value");
            return false;
          }
          unquoted = v;
        } else {
          valueStart = start + 1;
          valueEnd = i;
        }
        return true;
      }
    }
    pos = end;
    fail("unterminated quoted value");
    return false;
  }

  private boolean skip() {
    while (pos < end && (line[pos] & 0xff) > ' ') {
      pos++;
    }
    return false;
  }

  private void fail(String msg) {
    error = "logfmt syntax error at pos " + (pos - base + 1) + " : " + msg;
  }

  String key() {
    return new String(line, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
  }

  /** The value ("" when none). */
  String value() {
    if (unquoted != null) {
      return unquoted;
    }
    return valueStart < 0
        ? ""
        : new String(line, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
  }
}
