package io.moraine.agent.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A whole small text file (procfs reports size 0, so it is read to its end) in a buffer reused from
 * one {@link #load} to the next, with a cursor over whitespace-separated tokens and lines. Numbers
 * are parsed in place; only {@link #token()} and {@link #rest()} make strings. Public for the
 * collectors of other packages that read procfs tables ({@code diskstats}, {@code net/dev}).
 *
 * <p>Not thread-safe: each collector owns one.
 */
public final class ProcText {
  /** Large enough for /proc/stat on a few dozen CPUs; grows for bigger files. */
  private static final int INITIAL_BYTES = 8192;

  /** A stop for {@link #scanToken} that no byte equals. */
  private static final int NO_STOP = 256;

  private byte[] buf = new byte[INITIAL_BYTES];
  private int len;
  private int pos;
  private int tokStart;
  private int tokEnd;
  private int line;
  private Path file = Path.of("");

  /**
   * Reads {@code path} to its end and puts the cursor at the start of its first line.
   *
   * @throws java.nio.file.NoSuchFileException when it does not exist
   */
  public void load(Path path) throws IOException {
    file = path;
    len = 0;
    try (InputStream in = Files.newInputStream(path)) {
      while (true) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
          break;
        }
        len += n;
      }
    }
    pos = 0;
    line = 1;
    tokStart = 0;
    tokEnd = 0;
  }

  /** Whether a line starts at the cursor (false at the end of the file). */
  public boolean hasLine() {
    return pos < len;
  }

  /** Moves the cursor past the end of the current line. */
  public void nextLine() {
    while (pos < len && buf[pos] != '\n') {
      pos++;
    }
    if (pos < len) {
      pos++;
      line++;
    }
  }

  /**
   * Moves to the next token of the current line (spaces and tabs separate tokens).
   *
   * @return false when the line has no more tokens
   */
  public boolean nextToken() {
    return scanToken(NO_STOP);
  }

  /**
   * Like {@link #nextToken()}, but the token also ends at {@code stop}, which is consumed: {@code
   * eth0:123} gives {@code eth0} and leaves the cursor at {@code 123}.
   */
  public boolean nextToken(char stop) {
    return scanToken(stop);
  }

  /** Skips blanks; whether a token follows on the current line. */
  public boolean hasToken() {
    while (pos < len && (buf[pos] == ' ' || buf[pos] == '\t')) {
      pos++;
    }
    return pos < len && buf[pos] != '\n';
  }

  private boolean scanToken(int stop) {
    if (!hasToken()) {
      return false;
    }
    tokStart = pos;
    while (pos < len
        && buf[pos] != ' '
        && buf[pos] != '\t'
        && buf[pos] != '\n'
        && buf[pos] != stop) {
      pos++;
    }
    tokEnd = pos;
    if (pos < len && buf[pos] == stop) {
      pos++;
    }
    return true;
  }

  /** Like {@link #nextToken} but a missing token is an error naming {@code what}. */
  void requireToken(String what) throws MalformedProcFileException {
    if (!nextToken()) {
      throw fail("missing " + what);
    }
  }

  int tokenStart() {
    return tokStart;
  }

  int tokenEnd() {
    return tokEnd;
  }

  int tokenLength() {
    return tokEnd - tokStart;
  }

  /** The byte at absolute index {@code i} of the buffer. */
  byte at(int i) {
    return buf[i];
  }

  /** Whether the current token is exactly {@code ascii}. */
  boolean tokenIs(String ascii) {
    int n = ascii.length();
    if (tokEnd - tokStart != n) {
      return false;
    }
    return startsWith(tokStart, ascii);
  }

  /** Whether the current token starts with {@code ascii}. */
  boolean tokenStartsWith(String ascii) {
    return tokEnd - tokStart >= ascii.length() && startsWith(tokStart, ascii);
  }

  private boolean startsWith(int from, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (buf[from + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether bytes {@code [from, to)} of the buffer equal {@code other}. */
  boolean rangeEquals(int from, int to, byte[] other) {
    return Arrays.equals(buf, from, to, other, 0, other.length);
  }

  /** A copy of bytes {@code [from, to)} of the buffer. */
  byte[] copy(int from, int to) {
    return Arrays.copyOfRange(buf, from, to);
  }

  /** The current token as a string. */
  public String token() {
    return string(tokStart, tokEnd);
  }

  /** Bytes {@code [from, to)} as UTF-8. */
  String string(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }

  /** The rest of the file from the cursor without its trailing newline, e.g. a sysctl value. */
  String rest() {
    int end = len;
    if (end > pos && buf[end - 1] == '\n') {
      end--;
    }
    return string(pos, end);
  }

  /** The current token from its {@code skip}-th byte as an unsigned decimal integer. */
  long tokenLong(int skip) throws MalformedProcFileException {
    int from = tokStart + skip;
    if (from >= tokEnd) {
      throw fail("expected a number, got \"" + token() + "\"");
    }
    long v = 0;
    for (int i = from; i < tokEnd; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
        throw fail("expected an unsigned integer, got \"" + token() + "\"");
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** The current token as an unsigned hexadecimal integer of at most 16 digits, no prefix. */
  long tokenHex() throws MalformedProcFileException {
    int n = tokEnd - tokStart;
    if (n == 0 || n > 16) {
      throw fail("expected a hexadecimal number, got \"" + token() + "\"");
    }
    long v = 0;
    for (int i = tokStart; i < tokEnd; i++) {
      int d = Character.digit(buf[i], 16);
      if (d < 0) {
        throw fail("expected a hexadecimal number, got \"" + token() + "\"");
      }
      v = v << 4 | d;
    }
    return v;
  }

  /** The current token as an unsigned decimal integer. */
  long tokenLong() throws MalformedProcFileException {
    return tokenLong(0);
  }

  /**
   * The next token of the line as a uint64 decimal held in a long: above {@code Long.MAX_VALUE} it
   * wraps negative (convert with {@link #uint64ToDouble}).
   *
   * @throws IOException naming the file, line and column when the token is missing or not a number
   */
  public long nextUint64() throws IOException {
    boolean found = nextToken();
    long v = 0;
    int i = tokStart;
    if (found) {
      for (; i < tokEnd && buf[i] >= '0' && buf[i] <= '9'; i++) {
        v = v * 10 + (buf[i] - '0');
      }
    }
    if (!found || i == tokStart || i < tokEnd) {
      int at = found ? tokStart : pos;
      int lineStart = at;
      while (lineStart > 0 && buf[lineStart - 1] != '\n') {
        lineStart--;
      }
      throw new IOException(
          file + " line " + line + ": expected a number at column " + (at + 1 - lineStart));
    }
    return v;
  }

  /** A uint64 held in a long, as a double. */
  public static double uint64ToDouble(long unsigned) {
    return unsigned >= 0 ? unsigned : (double) (unsigned >>> 1) * 2.0 + (unsigned & 1);
  }

  /**
   * The current token as a floating-point number, parsed as Go's {@code strconv.ParseFloat} does.
   * Plain decimals with up to 15 significant digits ({@code 0.48}, {@code 1532}) are parsed in
   * place: mantissa and power of ten are then exact doubles, so one division rounds correctly.
   */
  double tokenDouble() throws MalformedProcFileException {
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (int i = tokStart; i < tokEnd; i++) {
      byte b = buf[i];
      if (b == '.' && fraction < 0) {
        fraction = 0;
        continue;
      }
      int d = b - '0';
      if (d < 0 || d > 9 || digits >= 15 || fraction >= POWERS_OF_TEN.length - 1) {
        return slowDouble();
      }
      mantissa = mantissa * 10 + d;
      if (mantissa != 0) {
        digits++;
      }
      if (fraction >= 0) {
        fraction++;
      }
    }
    if (tokEnd == tokStart || fraction == 0 && tokEnd - tokStart == 1) {
      throw fail("expected a number, got \"" + token() + "\"");
    }
    return fraction <= 0 ? (double) mantissa : mantissa / POWERS_OF_TEN[fraction];
  }

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private double slowDouble() throws MalformedProcFileException {
    String t = token();
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw fail("expected a number, got \"" + t + "\"");
    }
  }

  /** An error at the current line of the loaded file. */
  MalformedProcFileException fail(String reason) {
    return new MalformedProcFileException(file, line, reason);
  }
}
