package io.moraine.server.api.graph;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Serves one metadata-service endpoint: checks the method, bounds the body (413 past {@code
 * maxBodyBytes}), reads it whole, then runs the handler on the API's executor (Jena work blocks).
 * An exception fails the response, so the server's one error mapper answers it.
 */
final class GraphService implements HttpService {
  /** An endpoint's work on the whole request. Throws to refuse. */
  @FunctionalInterface
  interface Handler {
    HttpResponse handle(ServiceRequestContext ctx, AggregatedHttpRequest req);
  }

  private final Set<HttpMethod> methods;
  private final Handler handler;
  private final Executor executor;
  private final long maxBodyBytes;
  private final Counter requests;

  GraphService(
      Set<HttpMethod> methods,
      Handler handler,
      Executor executor,
      long maxBodyBytes,
      Counter requests) {
    this.methods = Set.copyOf(methods);
    this.handler = handler;
    this.executor = executor;
    this.maxBodyBytes = maxBodyBytes;
    this.requests = requests;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (!methods.contains(req.method())) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    requests.inc();
    long declared = req.headers().contentLength();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    ctx.setMaxRequestLength(maxBodyBytes);
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    req.aggregate()
        .thenAcceptAsync(agg -> answer.complete(handler.handle(ctx, agg)), executor)
        .exceptionally(
            e -> {
              Throwable c =
                  e instanceof CompletionException x && x.getCause() != null ? x.getCause() : e;
              answer.completeExceptionally(
                  c instanceof com.linecorp.armeria.common.ContentTooLargeException
                      ? tooLarge()
                      : c);
              return null;
            });
    return HttpResponse.of(answer);
  }

  private ApiException tooLarge() {
    return new ApiException(
        ErrorType.TOO_LARGE,
        "request body is larger than graph.max_body_size (" + maxBodyBytes + " bytes)");
  }
}
