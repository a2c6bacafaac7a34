package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Endpoint}: reads the whole request (form bodies included), runs the endpoint
 * and writes {@code {"status":"success","data":...}} with status 200 in one task on the API's
 * executor (in one piece when small, streamed when large). An exception from the endpoint, or from
 * writing before anything was sent, fails the response, so the server's error mapper answers it.
 * Methods other than the endpoint's answer 405, as Prometheus' router does.
 */
final class ApiService implements HttpService {
  private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);

  private final Set<HttpMethod> methods;
  private final Endpoint endpoint;
  private final Executor executor;
  private final Duration requestTimeout;

  /**
   * @param requestTimeout how long the whole exchange may take, writing the answer included; the
   *     query deadline itself is enforced by the engine
   */
  ApiService(
      Set<HttpMethod> methods, Endpoint endpoint, Executor executor, Duration requestTimeout) {
    this.methods = Set.copyOf(methods);
    this.endpoint = endpoint;
    this.executor = executor;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (!methods.contains(req.method())) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    ctx.setRequestTimeout(TimeoutMode.SET_FROM_NOW, requestTimeout);
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    req.aggregate()
        .thenAcceptAsync(
            agg -> write(ctx, endpoint.handle(Params.of(agg, ctx.query()), ctx), answer), executor)
        .exceptionally(
            e -> {
              answer.completeExceptionally(e instanceof CompletionException c ? c.getCause() : e);
              return null;
            });
    return HttpResponse.of(answer);
  }

  /**
   * Writes {@code {"status":"success","data":...}} and completes {@code answer} with it (see {@link
   * AnswerOutput}: whole when small, streamed when large).
   */
  private static void write(
      ServiceRequestContext ctx, JsonData data, CompletableFuture<HttpResponse> answer) {
    AnswerOutput out = new AnswerOutput(answer);
    try {
      JsonGenerator g = ApiJson.FACTORY.createGenerator(out);
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeFieldName("data");
      data.write(g);
      g.writeEndObject();
      g.close(); // flushes and closes the output, which sends or ends the answer
    } catch (IOException e) {
      LOG.atDebug()
          .addKeyValue("path", ctx.path())
          .addKeyValue("reason", e.getMessage())
          .log("answer not fully sent");
      out.fail(e);
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("path", ctx.path()).setCause(e).log("writing an answer failed");
      out.fail(e);
    }
  }
}
