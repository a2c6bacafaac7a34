package io.moraine.server.api.loki;

import com.linecorp.armeria.common.websocket.WebSocket;
import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.websocket.WebSocketService;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.core.time.Clock;
import io.moraine.logs.logql.ast.Expr;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.engine.QueryResult;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /loki/api/v1/tail}: Loki 2.9's live tail over a WebSocket. The parameters are checked
 * before the upgrade ({@code ParseTailQuery}: {@code query}, {@code limit}, {@code start}, {@code
 * delay_for} at most 5), so a bad request is answered 400 in plain text. After the upgrade a
 * virtual thread polls the engine every poll interval with a forward range query from just after
 * the newest entry sent (from {@code start} at first) to now minus {@code delay_for}, and sends
 * each non-empty result as one frame {@code {"streams":[...]}}. It stops when either side closes; a
 * failing query closes the socket with 1011 and the message, as Loki does.
 *
 * <p>Entries that arrive later with exactly the timestamp of the newest entry already sent are not
 * sent (Loki's ingesters tail pushes as they come; polling cannot see such late ties).
 */
final class TailService {
  private static final Logger LOG = LoggerFactory.getLogger(TailService.class);

  /** Loki's {@code maxDelayForInTailing}, in seconds. */
  private static final int MAX_DELAY_FOR_SECONDS = 5;

  private static final AttributeKey<TailRequest> REQUEST =
      AttributeKey.valueOf(TailService.class, "REQUEST");

  private final LogQueries queries;
  private final Clock clock;
  private final LokiApiOptions options;

  TailService(LogQueries queries, Clock clock, LokiApiOptions options) {
    this.queries = queries;
    this.clock = clock;
    this.options = options;
  }

  /** A checked tail request. */
  record TailRequest(String tenant, Expr expr, int limit, long startNanos, long delayNanos) {}

  /** The service to register: the check, then the WebSocket. */
  HttpService service() {
    WebSocketService ws =
        WebSocketService.builder((ctx, in) -> open(ctx, in)).allowedOrigins("*").build();
    return ws.decorate(
        (delegate, ctx, req) -> {
          LokiParams p = LokiParams.ofQuery(ctx.query());
          ctx.setAttr(REQUEST, check(p, LokiRequest.tenant(req.headers())));
          return delegate.serve(ctx, req);
        });
  }

  /** Loki's {@code ParseTailQuery} checks, then the query. */
  TailRequest check(LokiParams p, String tenant) {
    String query = p.get("query");
    int limit = p.limit();
    long start = p.bounds(nowNanos())[0];
    int delay = LokiParams.parseInt(p.get("delay_for"), 0);
    if (delay > MAX_DELAY_FOR_SECONDS) {
      throw new IllegalArgumentException(
          "delay_for can't be greater than " + MAX_DELAY_FOR_SECONDS);
    }
    Expr expr = queries.parse(query);
    if (!(expr instanceof LogSelector)) {
      throw new IllegalArgumentException("tail requires a log query, got a metric query");
    }
    return new TailRequest(tenant, expr, limit, start, delay * 1_000_000_000L);
  }

  private WebSocket open(ServiceRequestContext ctx, WebSocket in) {
    TailRequest req = Objects.requireNonNull(ctx.attr(REQUEST), "tail request");
    WebSocketWriter out = WebSocket.streaming();
    Thread poller = Thread.ofVirtual().name("loki-tail").start(() -> pollLoop(req, out));
    // The client's frames carry nothing; its close (or a broken connection) stops the tail.
    in.subscribe(new InboundDrain(out));
    out.whenComplete()
        .handle(
            (v, e) -> {
              poller.interrupt();
              return null;
            });
    return out;
  }

  private void pollLoop(TailRequest req, WebSocketWriter out) {
    long from = req.startNanos();
    try {
      while (out.isOpen()) {
        long to = nowNanos() - req.delayNanos();
        if (to >= from) {
          long newest = pollOnce(req, from, to, out);
          if (newest >= from) {
            from = newest + 1;
          }
        }
        Thread.sleep(options.tailPollInterval());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("tenant", req.tenant()).setCause(e).log("tail query failed");
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      out.close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, m);
    }
  }

  /**
   * Sends the entries in {@code [from, to]} as one frame.
   *
   * @return the newest timestamp sent, or {@code from - 1} when nothing was
   */
  private long pollOnce(TailRequest req, long from, long to, WebSocketWriter out) {
    QueryResult result =
        queries.range(
            req.tenant(),
            req.expr(),
            from,
            to,
            1_000_000_000L,
            0,
            req.limit(),
            Direction.FORWARD,
            new LogReadStats());
    if (!(result instanceof QueryResult.Streams s)) {
      throw new IllegalStateException("BUG: a log query answered " + result.getClass());
    }
    long newest = from - 1;
    for (QueryResult.Stream st : s.streams()) {
      for (QueryResult.Entry e : st.entries()) {
        newest = Math.max(newest, e.timestampNanos());
      }
    }
    if (newest >= from) {
      out.tryWrite(frame(s.streams()));
    }
    return newest;
  }

  static String frame(List<QueryResult.Stream> streams) {
    StringWriter w = new StringWriter();
    try (var g = LokiJson.FACTORY.createGenerator(w)) {
      LokiJson.writeTailFrame(g, streams, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing to memory failed", e);
    }
    return w.toString();
  }

  private long nowNanos() {
    return Math.multiplyExact(clock.nowMillis(), 1_000_000L);
  }
}
