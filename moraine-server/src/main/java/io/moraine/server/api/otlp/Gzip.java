package io.moraine.server.api.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Inflates gzip bodies with a bound on the result, so that a small bomb cannot fill the heap. */
final class Gzip {
  private Gzip() {}

  /** The inflated body grew past the bound. */
  static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }

  /** The body is not gzip. */
  static final class CorruptException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptException(String message) {
      super(message, null, false, false);
    }
  }

  static byte[] inflate(byte[] gzip, int maxBytes) throws TooLargeException, CorruptException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, gzip.length * 4 + 64));
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
