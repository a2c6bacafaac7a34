package io.moraine.agent.cgroup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A reusable buffer holding one small pseudo-file (cgroup and procfs files are a few KiB) and
 * allocation-free parsers over it: keyed values ({@code key value} lines), single numbers and
 * fields of a line. Not thread-safe: one per scrape thread.
 */
final class FileBytes {
  /** Marks a value the file did not have. */
  static final long ABSENT = Long.MIN_VALUE;

  private byte[] buf = new byte[8192];
  private int len;

  /** Reads {@code file}; returns false (and leaves the buffer empty) when it does not exist. */
  boolean read(Path file) throws IOException {
    len = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
          return true;
        }
        len += n;
      }
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  int length() {
    return len;
  }

  byte at(int i) {
    return buf[i];
  }

  /**
   * The first number of the file, {@code max} as {@link Long#MAX_VALUE}, a negative value as is, or
   * {@link #ABSENT} when the file is empty.
   */
  long firstNumber() {
    return number(skipSpaces(0));
  }

  /** The value after {@code key} at the start of a line ({@code key value}), or ABSENT. */
  long keyed(String key) {
    int at = findKey(0, key);
    return at < 0 ? ABSENT : number(skipSpaces(at + key.length()));
  }

  /** The position just after {@code key} at the start of a line followed by a space, or -1. */
  int findKey(int from, String key) {
    int k = key.length();
    int lineStart = from;
    while (lineStart + k < len) {
      if (matches(lineStart, key) && (buf[lineStart + k] == ' ' || buf[lineStart + k] == '=')) {
        return lineStart;
      }
      lineStart = nextLine(lineStart);
    }
    return -1;
  }

  boolean matches(int at, String s) {
    if (at + s.length() > len) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (buf[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The start of the line after the one containing {@code at}, or the length. */
  int nextLine(int at) {
    int i = at;
    while (i < len && buf[i] != '\n') {
      i++;
    }
    return Math.min(i + 1, len);
  }

  int skipSpaces(int at) {
    int i = at;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The end of the token starting at {@code at} (space, tab, newline, ':' or '=' ends it). */
  int tokenEnd(int at) {
    int i = at;
    while (i < len) {
      byte b = buf[i];
      if (b == ' ' || b == '\t' || b == '\n' || b == ':' || b == '=') {
        break;
      }
      i++;
    }
    return i;
  }

  /** The decimal number at {@code at} ({@code max} is Long.MAX_VALUE), or ABSENT. */
  long number(int at) {
    if (matches(at, "max")) {
      return Long.MAX_VALUE;
    }
    int i = at;
    boolean negative = i < len && buf[i] == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    int start = i;
    while (i < len && buf[i] >= '0' && buf[i] <= '9') {
      int d = buf[i] - '0';
      v = v > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : v * 10 + d;
      i++;
    }
    if (i == start) {
      return ABSENT;
    }
    return negative ? -v : v;
  }

  /** The text from {@code from} to {@code to} as ASCII. */
  String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.US_ASCII);
  }
}
