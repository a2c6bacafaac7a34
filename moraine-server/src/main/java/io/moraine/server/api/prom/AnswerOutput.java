package io.moraine.server.api.prom;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The body of a successful answer: kept in memory and sent in one piece when it ends within {@link
 * #WHOLE_BYTES}, streamed through a {@link ChunkedOutput} from the moment it grows past that. The
 * response future completes when the answer is known to be whole, or when streaming starts. Not
 * thread-safe.
 */
final class AnswerOutput extends OutputStream {
  /**
   * Answers up to this size go out as one response: most dashboard answers are far smaller, and one
   * piece saves a thread hand-off and a round of flow control per answer (0.3-0.5 ms each on this
   * project's 2-core machine); larger ones stream so memory per request stays bounded.
   */
  static final int WHOLE_BYTES = 256 * 1024;

  private static final ResponseHeaders OK_JSON =
      ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE, "application/json");

  private final CompletableFuture<HttpResponse> response;
  private byte[] buf = new byte[4096];
  private int n;
  private @Nullable HttpResponseWriter streaming;
  private @Nullable ChunkedOutput chunks;

  AnswerOutput(CompletableFuture<HttpResponse> response) {
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ChunkedOutput c = chunks;
    if (c != null) {
      c.write(b, off, len);
      return;
    }
    if (n + len > WHOLE_BYTES) {
      startStreaming().write(b, off, len);
      return;
    }
    if (n + len > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(WHOLE_BYTES, Math.max(buf.length * 2, n + len)));
    }
    System.arraycopy(b, off, buf, n, len);
    n += len;
  }

  private ChunkedOutput startStreaming() throws IOException {
    HttpResponseWriter res = HttpResponse.streaming();
    res.write(OK_JSON);
    streaming = res;
    ChunkedOutput c = new ChunkedOutput(res);
    chunks = c;
    response.complete(res);
    c.write(buf, 0, n);
    buf = new byte[0];
    n = 0;
    return c;
  }

  @Override
  public void flush() {}

  /** Ends the answer: sends it whole, or ends the stream. */
  @Override
  public void close() throws IOException {
    ChunkedOutput c = chunks;
    if (c != null) {
      c.close();
      return;
    }
    response.complete(HttpResponse.of(OK_JSON, HttpData.wrap(buf, 0, n)));
  }

  /**
   * Fails the answer: before anything was sent the error mapper answers {@code e}; once streaming
   * has started the stream is aborted, so that a client never takes a cut-off answer for whole.
   */
  void fail(Throwable e) {
    HttpResponseWriter res = streaming;
    if (res != null) {
      res.abort(e);
    } else {
      response.completeExceptionally(e);
    }
  }
}
