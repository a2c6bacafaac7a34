package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Endpoint}: reads the whole request (form bodies included), runs the endpoint on
 * the API's executor, then streams {@code {"status":"success","data":...}} with status 200. An
 * exception from the endpoint fails the response before anything is sent, so the server's error
 * mapper answers it. Methods other than the endpoint's answer 405, as Prometheus' router does.
 */
final class ApiService implements HttpService {
  private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);
  private static final String CONTENT_TYPE = "application/json";

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
    CompletableFuture<HttpResponse> answer =
        req.aggregate()
            .thenApplyAsync(
                agg -> respond(ctx, endpoint.handle(Params.of(agg, ctx.query()), ctx)), executor);
    return HttpResponse.of(answer);
  }

  private HttpResponse respond(ServiceRequestContext ctx, JsonData data) {
    HttpResponseWriter res = HttpResponse.streaming();
    res.write(ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE));
    executor.execute(() -> stream(ctx, res, data));
    return res;
  }

  /**
   * Writes the body and ends it. On any failure the response is aborted rather than ended, so a
   * client never takes a cut-off answer for a whole one (the generator is not closed then, as
   * closing would complete the JSON).
   */
  private static void stream(ServiceRequestContext ctx, HttpResponseWriter res, JsonData data) {
    try {
      JsonGenerator g = ApiJson.FACTORY.createGenerator(new ChunkedOutput(res));
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeFieldName("data");
      data.write(g);
      g.writeEndObject();
      g.close(); // flushes and closes the ChunkedOutput, which ends the body
    } catch (IOException e) {
      LOG.atDebug()
          .addKeyValue("path", ctx.path())
          .addKeyValue("reason", e.getMessage())
          .log("answer not fully sent");
      res.abort(e);
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("path", ctx.path()).setCause(e).log("writing an answer failed");
      res.abort(e);
    }
  }
}
