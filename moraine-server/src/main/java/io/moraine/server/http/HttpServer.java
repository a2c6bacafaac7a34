package io.moraine.server.http;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.netty.util.AttributeKey;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's HTTP listener (Armeria): {@code /-/healthy}, {@code /-/ready}, {@code /metrics} and
 * the services that later API handlers add through the {@link Builder}. Every service shares one
 * error mapper (Prometheus-style JSON bodies) and a 404 for unknown paths. Thread-safe.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  /** How long in-flight requests may take to finish at shutdown before they are cut off. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private final Server server;
  private final InetSocketAddress localAddress;

  private HttpServer(Server server, InetSocketAddress localAddress) {
    this.server = server;
    this.localAddress = localAddress;
  }

  /**
   * A builder for a server on {@code listen} (port 0 picks a free port) exposing {@code registry}.
   */
  public static Builder builder(InetSocketAddress listen, MetricRegistry registry) {
    return new Builder(listen, registry);
  }

  /** The bound address: the port is the real one when port 0 was asked for. */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (up to 5 s) and releases the port.
   * Blocks until done; idempotent.
   */
  @Override
  public void close() {
    server.stop().join();
  }

  /** Collects routes, then binds. Not thread-safe. */
  public static final class Builder {
    private final InetSocketAddress listen;
    private final MetricRegistry registry;
    private final List<Runnable> beforeScrape = new ArrayList<>();
    private final Map<String, HttpService> services = new LinkedHashMap<>();
    private BooleanSupplier ready = () -> false;
    private boolean announce = true;

    private Builder(InetSocketAddress listen, MetricRegistry registry) {
      this.listen = Objects.requireNonNull(listen, "listen");
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** What {@code /-/ready} reports; must not block. Not ready until set. */
    public Builder readiness(BooleanSupplier isReady) {
      this.ready = Objects.requireNonNull(isReady, "isReady");
      return this;
    }

    /** Does not log the bound address (for a private listener, such as the query warm-up's). */
    public Builder quiet() {
      this.announce = false;
      return this;
    }

    /** Run before each {@code /metrics} write, on a blocking thread (e.g. to refresh gauges). */
    public Builder beforeScrape(Runnable hook) {
      beforeScrape.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /** Serves {@code service} at an Armeria path pattern, e.g. {@code /api/v1/query}. */
    public Builder service(String pathPattern, HttpService service) {
      if (services.putIfAbsent(pathPattern, service) != null) {
        throw new IllegalStateException("BUG: two services at " + pathPattern);
      }
      return this;
    }

    /**
     * Serves {@code service} at {@code pathPattern} with errors answered as plain text ({@code
     * message\n}, {@code text/plain}) instead of the JSON error body, as Prometheus answers its
     * remote-write endpoint; statuses are the same.
     */
    public Builder plainTextService(String pathPattern, HttpService service) {
      return marked(pathPattern, service, ErrorMapper.PLAIN_TEXT);
    }

    /**
     * Serves {@code service} at {@code pathPattern} with errors answered as Loki 2.9 answers them
     * (plain text, Loki's statuses: 400 for bad input, 504 for a deadline, 499 for a cancelled
     * request); see {@code LokiErrorMapper}.
     */
    public Builder lokiService(String pathPattern, HttpService service) {
      return marked(pathPattern, service, ErrorMapper.LOKI);
    }

    /**
     * Serves {@code service} at {@code pathPattern} with errors answered as the GLACIATION metadata
     * service answered them ({@code {"detail":"..."}}); statuses are the same.
     */
    public Builder detailService(String pathPattern, HttpService service) {
      return marked(pathPattern, service, ErrorMapper.DETAIL);
    }

    /** Serves {@code service} with {@code errorStyle} set, so the error mapper answers its way. */
    private Builder marked(
        String pathPattern, HttpService service, AttributeKey<Boolean> errorStyle) {
      return service(
          pathPattern,
          service.decorate(
              (delegate, ctx, req) -> {
                ctx.setAttr(errorStyle, Boolean.TRUE);
                return delegate.serve(ctx, req);
              }));
    }

    /**
     * Binds and starts serving; returns once the port is bound.
     *
     * @throws UncheckedIOException when the address cannot be bound (in use, not local)
     */
    public HttpServer start() {
      ServerBuilder sb =
          Server.builder()
              .http(listen)
              .gracefulShutdownTimeout(Duration.ZERO, DRAIN_TIMEOUT)
              .errorHandler(new ErrorMapper(registry))
              .decorator(new RequestMetrics(registry));
      BooleanSupplier isReady = ready;
      sb.route()
          .methods(HttpMethod.GET, HttpMethod.HEAD)
          .path("/-/healthy")
          .build((ctx, req) -> text(HttpStatus.OK, "Moraine is Healthy.\n"));
      sb.route()
          .methods(HttpMethod.GET, HttpMethod.HEAD)
          .path("/-/ready")
          .build(
              (ctx, req) ->
                  isReady.getAsBoolean()
                      ? text(HttpStatus.OK, "Moraine is Ready.\n")
                      : text(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable"));
      sb.route()
          .methods(HttpMethod.GET, HttpMethod.HEAD)
          .path("/metrics")
          .build(new MetricsService(registry, beforeScrape));
      services.forEach(sb::service);
      Server server = sb.build();
      try {
        server.start().join();
      } catch (CompletionException e) {
        server.closeAsync();
        throw bindFailure(e.getCause() == null ? e : e.getCause());
      }
      var port = server.activePort();
      if (port == null) {
        throw new IllegalStateException("BUG: started server has no active port");
      }
      InetSocketAddress bound = port.localAddress();
      if (announce) {
        LOG.atInfo()
            .addKeyValue("address", bound.getAddress().getHostAddress() + ":" + bound.getPort())
            .log("listening");
      }
      return new HttpServer(server, bound);
    }

    private UncheckedIOException bindFailure(Throwable cause) {
      String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      if (reason.contains("Address already in use")) {
        reason = "address already in use";
      }
      var io = new BindException("cannot listen on " + listen + ": " + reason);
      io.initCause(cause);
      return new UncheckedIOException(io.getMessage(), io);
    }

    private static HttpResponse text(HttpStatus status, String body) {
      return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, body);
    }
  }
}
