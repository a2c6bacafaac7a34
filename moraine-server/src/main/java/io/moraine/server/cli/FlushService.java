package io.moraine.server.cli;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.server.http.AsyncAnswers;
import io.moraine.server.store.LogsHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code POST /flush}, as Loki's ingester endpoint: writes every open block of the log head to
 * segment files and answers 204 once they are on disk (503 while the store is not open).
 */
final class FlushService implements HttpService {
  private final LogsHandle logs;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("logs-flush-", 0).factory());

  FlushService(LogsHandle logs) {
    this.logs = logs;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() != HttpMethod.POST && req.method() != HttpMethod.GET) {
      return HttpResponse.of(
          HttpStatus.METHOD_NOT_ALLOWED, MediaType.PLAIN_TEXT_UTF_8, "use POST\n");
    }
    return AsyncAnswers.of(
        CompletableFuture.supplyAsync(
            () -> {
              logs.store().flushAll();
              return HttpResponse.of(HttpStatus.NO_CONTENT);
            },
            executor));
  }
}
