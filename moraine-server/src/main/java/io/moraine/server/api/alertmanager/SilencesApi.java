package io.moraine.server.api.alertmanager;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.labels.Matcher;
import io.moraine.core.time.Clock;
import io.moraine.rules.notify.route.InvalidSilenceException;
import io.moraine.rules.notify.route.MatcherText;
import io.moraine.rules.notify.route.Silence;
import io.moraine.rules.notify.route.SilenceJson;
import io.moraine.rules.notify.route.SilenceNotFoundException;
import io.moraine.rules.notify.route.Silences;
import io.moraine.server.http.AsyncAnswers;
import io.moraine.server.http.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Alertmanager API v2 silences over the built-in router's {@link Silences}: {@code GET
 * /api/v2/silences} (repeatable {@code filter} matchers such as {@code alertname="x"}), {@code POST
 * /api/v2/silences} (create, or update with {@code id}; answers {@code {"silenceID":...}}), {@code
 * GET} and {@code DELETE /api/v2/silence/{id}}. Errors are answered as Alertmanager does: the
 * status and a JSON string naming what was wrong. Thread-safe.
 */
public final class SilencesApi {
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final Supplier<@Nullable Silences> silences;
  private final Clock clock;
  private final Executor executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("silences-", 0).factory());

  /**
   * @param silences the router's silences, or null while no built-in routing is configured (every
   *     call then answers 404 naming the {@code notify} section)
   */
  public SilencesApi(Supplier<@Nullable Silences> silences, Clock clock) {
    this.silences = Objects.requireNonNull(silences, "silences");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Adds the routes. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    return b.plainTextService("/api/v2/silences", this::collection)
        .plainTextService("/api/v2/silence/{id}", this::one);
  }

  private HttpResponse collection(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() == HttpMethod.GET) {
      List<String> filters = QueryParams.fromQueryString(ctx.query()).getAll("filter");
      return answer(() -> list(filters));
    }
    if (req.method() == HttpMethod.POST) {
      return AsyncAnswers.of(
          req.aggregate().thenApplyAsync(agg -> guarded(() -> post(agg)), executor));
    }
    return error(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed");
  }

  private HttpResponse one(ServiceRequestContext ctx, HttpRequest req) {
    String id = Objects.requireNonNullElse(ctx.pathParam("id"), "");
    if (req.method() == HttpMethod.GET) {
      return answer(
          () ->
              json(
                  SilenceJson.writeGettable(
                      store().get(id).orElseThrow(() -> new SilenceNotFoundException(id)),
                      clock.nowMillis())));
    }
    if (req.method() == HttpMethod.DELETE) {
      return answer(
          () -> {
            try {
              store().expire(id);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return HttpResponse.of(HttpStatus.OK);
          });
    }
    return error(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed");
  }

  private HttpResponse list(List<String> filters) {
    List<Matcher> matchers = new ArrayList<>();
    for (String f : filters) {
      matchers.add(parseFilter(f));
    }
    return json(SilenceJson.writeGettables(store().list(matchers), clock.nowMillis()));
  }

  private HttpResponse post(AggregatedHttpRequest agg) {
    byte[] body = agg.content().array();
    if (body.length > MAX_BODY_BYTES) {
      return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "silence body larger than 1 MiB");
    }
    Silence s = SilenceJson.readPostable(body);
    try {
      return json(SilenceJson.writeSilenceId(store().set(s)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An Alertmanager filter matcher: {@code name="value"}, {@code name=~"re"}, .... */
  static Matcher parseFilter(String f) {
    try {
      return MatcherText.parse(f);
    } catch (IllegalArgumentException e) {
      throw new InvalidSilenceException(String.valueOf(e.getMessage()));
    }
  }

  private Silences store() {
    Silences s = silences.get();
    if (s == null) {
      throw new SilenceNotFoundException("");
    }
    return s;
  }

  private HttpResponse answer(Supplier<HttpResponse> work) {
    return AsyncAnswers.of(CompletableFuture.supplyAsync(() -> guarded(work), executor));
  }

  private HttpResponse guarded(Supplier<HttpResponse> work) {
    try {
      return work.get();
    } catch (InvalidSilenceException e) {
      return error(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    } catch (SilenceNotFoundException e) {
      return silences.get() == null
          ? error(
              HttpStatus.NOT_FOUND, "silences need built-in routing: configure the notify section")
          : error(HttpStatus.NOT_FOUND, "silence not found");
    }
  }

  private static HttpResponse json(byte[] body) {
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON, body);
  }

  /** Alertmanager's error body: the message as a JSON string. */
  private static HttpResponse error(HttpStatus status, String message) {
    String body =
        "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"\n";
    return HttpResponse.of(status, MediaType.JSON, body.getBytes(StandardCharsets.UTF_8));
  }
}
