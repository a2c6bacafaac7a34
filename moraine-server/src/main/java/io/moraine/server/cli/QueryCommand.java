package io.moraine.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moraine.core.time.Clock;
import io.moraine.server.api.prom.PromTimes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code moraine query EXPR}: evaluates a PromQL expression on a running server through its HTTP
 * API and prints the result as a table ({@link QueryTable}). An instant query at {@code --time}
 * (default: the server's now), or a range query when any of {@code --start}, {@code --end}, {@code
 * --step} is given (defaults as promtool's: end now, start 5m before end, step (end-start)/250
 * rounded down to whole seconds, at least 1s). Exit codes: 0 answered, 2 bad arguments or a 4xx
 * answer (its error message printed), 1 a server that cannot be reached or answers 5xx.
 */
@Command(
    name = "query",
    description = "Evaluate a PromQL expression on a running server and print the result.",
    mixinStandardHelpOptions = true)
final class QueryCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DEFAULT_RANGE_MILLIS = 5 * 60_000;

  @Parameters(index = "0", paramLabel = "EXPR", description = "The PromQL expression.")
  private String expr = "";

  @Option(
      names = "--time",
      paramLabel = "TIME",
      description = "Evaluation time: RFC 3339 or unix seconds. Default: now.")
  private @Nullable String time;

  @Option(names = "--start", paramLabel = "TIME", description = "Range query start.")
  private @Nullable String start;

  @Option(names = "--end", paramLabel = "TIME", description = "Range query end. Default: now.")
  private @Nullable String end;

  @Option(
      names = "--step",
      paramLabel = "DURATION",
      description = "Range query step: a duration (15s, 1m) or seconds.")
  private @Nullable String step;

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:9700",
      description = "The server. Default: ${DEFAULT-VALUE}.")
  private String server = "";

  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;

  QueryCommand(PrintWriter out, PrintWriter err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    URI base;
    Map<String, String> form;
    try {
      base = serverUri(server);
      form = form();
    } catch (IllegalArgumentException e) {
      return fail(Main.EXIT_USAGE, e.getMessage());
    }
    boolean range = form.containsKey("step");
    URI uri = base.resolve(range ? "api/v1/query_range" : "api/v1/query");
    HttpResponse<String> res;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      res = client.send(post(uri, form), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return fail(Main.EXIT_FAILURE, "cannot reach " + server + ": " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(Main.EXIT_FAILURE, "interrupted");
    }
    return answer(res);
  }

  /** The parameters to send; checks the times locally so that mistakes are caught early. */
  private Map<String, String> form() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", expr);
    if (start == null && end == null && step == null) {
      if (time != null) {
        form.put("time", PromTimes.formatMillis(parseTime("--time", time)));
      }
      return form;
    }
    if (time != null) {
      throw new IllegalArgumentException("--time cannot be combined with --start, --end or --step");
    }
    long e = end == null ? clock.nowMillis() : parseTime("--end", end);
    long s = start == null ? e - DEFAULT_RANGE_MILLIS : parseTime("--start", start);
    String st = step;
    if (st == null) {
      st = Long.toString(Math.max((e - s) / 1000 / 250, 1)) + "s";
    } else {
      try {
        PromTimes.parseDurationNanos(st);
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException("invalid --step: " + x.getMessage(), x);
      }
    }
    form.put("start", PromTimes.formatMillis(s));
    form.put("end", PromTimes.formatMillis(e));
    form.put("step", st);
    return form;
  }

  private static long parseTime(String flag, String value) {
    try {
      return PromTimes.parseTimeMillis(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + flag + ": " + e.getMessage(), e);
    }
  }

  /** The server's base URI, ending in "/" so that API paths resolve under any path prefix. */
  static URI serverUri(String s) {
    try {
      URI u = new URI(s.endsWith("/") ? s : s + "/");
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException(
            "invalid --server \"" + s + "\": expected http://host:port or https://host:port");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid --server \"" + s + "\": " + e.getReason(), e);
    }
  }

  private static HttpRequest post(URI uri, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (!body.isEmpty()) {
            body.append('&');
          }
          body.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private int answer(HttpResponse<String> res) {
    int code = res.statusCode();
    JsonNode body;
    try {
      body = JSON.readTree(res.body());
    } catch (JsonProcessingException e) {
      body = null;
    }
    if (code / 100 != 2) {
      String message =
          body != null && body.hasNonNull("error")
              ? body.get("error").asText()
              : "server answered HTTP " + code + ": " + firstLine(res.body());
      return fail(code / 100 == 4 ? Main.EXIT_USAGE : Main.EXIT_FAILURE, message);
    }
    if (body == null || !"success".equals(body.path("status").asText())) {
      return fail(
          Main.EXIT_FAILURE, "unexpected answer from " + server + ": " + firstLine(res.body()));
    }
    for (JsonNode w : body.path("warnings")) {
      err.println("moraine: warning: " + w.asText());
    }
    try {
      for (String line : QueryTable.lines(body.path("data"))) {
        out.println(line);
      }
    } catch (IllegalArgumentException e) {
      return fail(Main.EXIT_FAILURE, "unexpected answer from " + server + ": " + e.getMessage());
    }
    out.flush();
    return 0;
  }

  private int fail(int code, @Nullable String message) {
    err.println("moraine: " + message);
    err.flush();
    return code;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (m == null || m.isEmpty()) {
      return e instanceof java.net.ConnectException
          ? "connection refused"
          : e.getClass().getSimpleName();
    }
    return m;
  }
}
