package io.moraine.server.cli;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.server.http.AsyncAnswers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /-/reload} (and {@code PUT}), as Prometheus answers it: 200 with an empty body when
 * the configuration was reloaded, 500 with the reason when it was not (the old one stays).
 */
final class ReloadService implements HttpService {
  private final Supplier<@Nullable String> reload;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reload-", 0).factory());

  ReloadService(Supplier<@Nullable String> reload) {
    this.reload = reload;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() != HttpMethod.POST && req.method() != HttpMethod.PUT) {
      return HttpResponse.of(
          HttpStatus.METHOD_NOT_ALLOWED,
          MediaType.PLAIN_TEXT_UTF_8,
          "Only POST or PUT requests allowed\n");
    }
    return AsyncAnswers.of(
        CompletableFuture.supplyAsync(
            () -> {
              String err = reload.get();
              return err == null
                  ? HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "")
                  : HttpResponse.of(
                      HttpStatus.INTERNAL_SERVER_ERROR,
                      MediaType.PLAIN_TEXT_UTF_8,
                      "failed to reload config: " + err + "\n");
            },
            executor));
  }
}
