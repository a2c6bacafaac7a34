package io.moraine.server.api.prom;

import com.linecorp.armeria.common.AggregationOptions;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.ingest.remotewrite.RemoteWriteReceiver;
import io.moraine.server.http.AsyncAnswers;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.StorageHandle;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * {@code POST /api/v1/write}: Prometheus remote-write 1.0 into the server's store, as Prometheus
 * 2.42 serves it with {@code --web.enable-remote-write-receiver} (always on here): 204 with no body
 * when stored; errors in plain text through the server's error mapper: 400 for a body that is not
 * snappy + {@code WriteRequest}, for invalid labels and for a sample the store refuses (the whole
 * request is then rolled back), 503 while the store is not open, 500 when the store cannot write,
 * 413 (Armeria) for a body over the server's request size limit. {@code Content-Encoding} and
 * {@code Content-Type} are not checked, as in 2.42. Counts {@code
 * moraine_remote_write_requests_total{code}}. Thread-safe; each request decodes and appends on its
 * own virtual thread.
 */
public final class RemoteWriteApi {
  private static final String PATH = "/api/v1/write";

  private final StorageHandle store;
  private final RemoteWriteReceiver receiver;
  private final Counter.Family requests;
  private final Executor executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("remote-write-", 0).factory());

  public RemoteWriteApi(
      StorageHandle store, RemoteWriteReceiver receiver, MetricRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.requests =
        registry.counter(
            "moraine_remote_write_requests_total",
            "Remote-write requests by HTTP status code.",
            "code");
  }

  /** Adds the route. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    return b.plainTextService(PATH, this::serve);
  }

  private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    ctx.log()
        .whenComplete()
        .thenAccept(
            log -> requests.labels(Integer.toString(log.responseHeaders().status().code())).inc());
    if (req.method() != HttpMethod.POST) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    CompletableFuture<HttpResponse> answer =
        req.aggregate(AggregationOptions.usePooledObjects(ByteBufAllocator.DEFAULT))
            .thenApplyAsync(
                agg -> {
                  // a pooled (off-heap) body: no per-request garbage for the largest buffer
                  try (HttpData body = agg.content()) {
                    receiver.write(body.byteBuf().nioBuffer(), store.storage());
                  }
                  return HttpResponse.of(HttpStatus.NO_CONTENT);
                },
                executor);
    return AsyncAnswers.of(answer);
  }
}
