package io.moraine.server.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Inflates gzip request bodies ({@code Content-Encoding: gzip}) with a bound on the result, so that
 * a small bomb cannot fill the heap. Stateless; thread-safe.
 */
public final class Gzip {
  private Gzip() {}

  /** The inflated body grew past the bound. */
  public static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }

  /** The body is not gzip. */
  public static final class CorruptException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The inflated bytes of {@code gzip}.
   *
   * @throws TooLargeException when they would exceed {@code maxBytes}
   * @throws CorruptException when {@code gzip} is not a gzip stream; the message starts {@code
   *     invalid gzip body: }
   */
  public static byte[] inflate(byte[] gzip, int maxBytes)
      throws TooLargeException, CorruptException {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(maxBytes, gzip.length * 4L + 64));
    byte[] buf = new byte[16 << 10];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > maxBytes) {
          throw new TooLargeException(
              "gzip body inflates to more than the limit of " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new CorruptException("invalid gzip body: " + e.getMessage());
    }
    return out.toByteArray();
  }
}
