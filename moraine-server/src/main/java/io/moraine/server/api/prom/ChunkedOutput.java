package io.moraine.server.api.prom;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.stream.StreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An output stream that sends what is written as HTTP body chunks of {@link #CHUNK_BYTES}, waiting
 * for the client to take a chunk before it fills the one after the next, so that a large answer
 * never sits in memory whole. Not thread-safe; {@link #close} sends the rest and ends the body.
 */
final class ChunkedOutput extends OutputStream {
  /** Large enough that per-chunk overhead is small, small enough to bound memory per request. */
  static final int CHUNK_BYTES = 32 * 1024;

  private final StreamWriter<HttpObject> out;
  private final byte[] buf = new byte[CHUNK_BYTES];
  private int n;
  private CompletableFuture<Void> consumed = CompletableFuture.completedFuture(null);
  private boolean closed;

  ChunkedOutput(StreamWriter<HttpObject> out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (n == buf.length) {
      send();
    }
    buf[n++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int o = off;
    int left = len;
    while (left > 0) {
      if (n == buf.length) {
        send();
      }
      int k = Math.min(left, buf.length - n);
      System.arraycopy(b, o, buf, n, k);
      n += k;
      o += k;
      left -= k;
    }
  }

  /** Sends the chunk and waits until the client has taken the one before it. */
  private void send() throws IOException {
    if (n == 0) {
      return;
    }
    CompletableFuture<Void> previous = consumed;
    if (!out.tryWrite(HttpData.wrap(Arrays.copyOf(buf, n)))) {
      throw new IOException("the client went away");
    }
    n = 0;
    consumed = out.whenConsumed();
    try {
      previous.join();
    } catch (CompletionException e) {
      throw new IOException("the client went away", e);
    }
  }

  /** Writing happens in chunks; a flush in the middle of a value would only make smaller ones. */
  @Override
  public void flush() {}

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    send();
    out.close();
  }
}
