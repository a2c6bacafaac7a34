package io.moraine.testkit.logs;

import java.util.Random;

/**
 * Realistic log lines for benchmarks and compression figures, seeded and deterministic: JSON
 * application logs, logfmt, nginx access logs and Java stack traces (one multi-line entry). Not
 * thread-safe.
 */
public final class LogLineGenerator {
  /** The kinds of line. */
  public enum Kind {
    JSON,
    LOGFMT,
    NGINX,
    STACKTRACE
  }

  private static final String[] LEVELS = {"info", "info", "info", "debug", "warn", "error"};
  private static final String[] PATHS = {
    "/api/v1/orders",
    "/api/v1/users",
    "/healthz",
    "/api/v2/cart/items",
    "/static/app.js",
    "/login",
    "/api/v1/search"
  };
  private static final String[] MSGS = {
    "request completed", "cache miss", "user authenticated", "retrying upstream call",
    "connection reset by peer", "slow query detected", "order placed", "payment declined"
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "curl/8.4.0",
    "kube-probe/1.29",
    "Go-http-client/1.1"
  };
  private static final String[] FRAMES = {
    "at io.example.shop.OrderService.place(OrderService.java:",
    "at io.example.shop.http.OrderHandler.handle(OrderHandler.java:",
    "at java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:",
    "at org.postgresql.jdbc.PgStatement.executeQuery(PgStatement.java:",
    "at com.zaxxer.hikari.pool.ProxyStatement.executeQuery(ProxyStatement.java:"
  };

  private final Random rnd;
  private long timeMillis = 1_704_067_200_000L;

  public LogLineGenerator(long seed) {
    this.rnd = new Random(seed);
  }

  /** The next line of the given kind. */
  public String next(Kind kind) {
    timeMillis += rnd.nextInt(40);
    return switch (kind) {
      case JSON -> json();
      case LOGFMT -> logfmt();
      case NGINX -> nginx();
      case STACKTRACE -> stack();
    };
  }

  private String iso() {
    return java.time.Instant.ofEpochMilli(timeMillis).toString();
  }

  private String json() {
    return "{\"ts\":\""
        + iso()
        + "\",\"level\":\""
        + pick(LEVELS)
        + "\",\"msg\":\""
        + pick(MSGS)
        + "\",\"trace_id\":\""
        + hex(16)
        + "\",\"user_id\":"
        + rnd.nextInt(50_000)
        + ",\"duration_ms\":"
        + rnd.nextInt(2000)
        + ",\"path\":\""
        + pick(PATHS)
        + "\"}";
  }

  private String logfmt() {
    return "ts="
        + iso()
        + " level="
        + pick(LEVELS)
        + " caller=handler.go:"
        + (40 + rnd.nextInt(200))
        + " msg=\""
        + pick(MSGS)
        + "\" method=GET path="
        + pick(PATHS)
        + " status="
        + (rnd.nextInt(10) == 0 ? 500 : 200)
        + " took="
        + rnd.nextInt(900)
        + "."
        + rnd.nextInt(1000)
        + "ms request_id="
        + hex(8);
  }

  private String nginx() {
    return "10."
        + rnd.nextInt(4)
        + "."
        + rnd.nextInt(256)
        + "."
        + rnd.nextInt(256)
        + " - - [01/Jan/2024:00:"
        + two(rnd.nextInt(60))
        + ":"
        + two(rnd.nextInt(60))
        + " +0000] \"GET "
        + pick(PATHS)
        + "?page="
        + rnd.nextInt(20)
        + " HTTP/1.1\" "
        + (rnd.nextInt(20) == 0 ? 404 : 200)
        + " "
        + rnd.nextInt(50_000)
        + " \"-\" \""
        + pick(AGENTS)
        + "\"";
  }

  private String stack() {
    StringBuilder sb = new StringBuilder();
    sb.append(iso())
        .append(" ERROR [http-nio-8080-exec-")
        .append(rnd.nextInt(20))
        .append("] o.e.s.OrderService - order ")
        .append(rnd.nextInt(1_000_000))
        .append(" failed\norg.postgresql.util.PSQLException: ERROR: deadlock detected");
    int n = 3 + rnd.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append("\n\t").append(pick(FRAMES)).append(20 + rnd.nextInt(500)).append(')');
    }
    return sb.toString();
  }

  private String pick(String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private String hex(int bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16))
          .append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : String.valueOf(v);
  }
}
