package io.moraine.server.api.loki;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Serves one Loki endpoint: reads the whole request (form bodies included), takes the tenant from
 * {@code X-Scope-OrgID}, runs the endpoint on the API's executor and answers 200 with its JSON. An
 * exception fails the response, so the server's error mapper answers it (Loki variant). Other
 * methods answer 405.
 */
final class LokiService implements HttpService {
  /** A Loki endpoint: does its work, then returns what to write. Throws to refuse. */
  @FunctionalInterface
  interface Endpoint {
    Body handle(LokiRequest req);
  }

  /** A success body, written once the work is done. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private final Set<HttpMethod> methods;
  private final Endpoint endpoint;
  private final Executor executor;
  private final Duration timeout;

  LokiService(Set<HttpMethod> methods, Endpoint endpoint, Executor executor, Duration timeout) {
    this.methods = Set.copyOf(methods);
    this.endpoint = endpoint;
    this.executor = executor;
    this.timeout = timeout;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (!methods.contains(req.method())) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    if (!timeout.isZero()) {
      ctx.setRequestTimeout(TimeoutMode.SET_FROM_NOW, timeout);
    }
    String tenant = LokiRequest.tenant(req.headers());
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    req.aggregate()
        .thenAcceptAsync(
            agg -> {
              LokiRequest r = new LokiRequest(LokiParams.of(agg, ctx.query()), tenant, ctx);
              answer.complete(json(endpoint.handle(r)));
            },
            executor)
        .exceptionally(
            e -> {
              answer.completeExceptionally(e instanceof CompletionException c ? c.getCause() : e);
              return null;
            });
    return HttpResponse.of(answer);
  }

  /** A 200 answer with the body's JSON and a trailing newline, as Loki writes it. */
  static HttpResponse json(Body body) {
    var out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = LokiJson.FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing to memory failed", e);
    }
    out.write('\n');
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, out.toByteArray());
  }
}
