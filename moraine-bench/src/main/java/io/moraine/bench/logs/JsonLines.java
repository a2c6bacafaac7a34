package io.moraine.bench.logs;

import java.io.IOException;

/**
 * JSON application logs (Node, Python, Go with a JSON logger): request lines with {@code status},
 * {@code latency_ms}, trace and user ids; other events; rarely a long payload dump.
 */
final class JsonLines implements LineSource {
  @Override
  public void event(LineContext c, AppProfile app) throws IOException {
    LineBuffer l = c.line;
    if (c.chance(0.0005)) {
      payload(c, app);
      return;
    }
    boolean request = c.chance(0.65);
    String method = c.pick(Words.METHODS);
    int status = request ? c.status(method, app.errorRate()) : -1;
    String level = !request ? c.level() : status >= 500 ? "error" : status >= 400 ? "warn" : "info";
    l.ascii("{\"ts\":\"");
    c.clocks.rfc3339(l, c.nanos, 3);
    l.ascii("\",\"level\":\"").ascii(level).ascii("\",\"logger\":\"");
    l.ascii(request ? "http" : c.pick(Words.NOUNS)).ascii("\",\"msg\":\"");
    if (request) {
      l.ascii(status >= 500 ? "request failed" : "request completed");
    } else {
      c.render(c.pick(Words.JSON_MESSAGES));
    }
    l.ascii("\"");
    if (request || c.chance(0.5)) {
      l.ascii(",\"trace_id\":\"");
      c.traceId();
      l.ascii("\",\"span_id\":\"");
      c.spanId();
      l.ch('"');
    }
    if (request) {
      l.ascii(",\"user_id\":\"u_").num(c.id()).ascii("\",\"method\":\"").ascii(method);
      l.ascii("\",\"path\":\"");
      c.render(app.route(c));
      long micros = c.latencyMicros(status >= 500 ? 900 : 18, 1.1);
      l.ascii("\",\"status\":").num(status).ascii(",\"latency_ms\":").millis3(micros);
      l.ascii(",\"bytes\":").num(c.rng.nextInt(40, 60_000)).ascii(",\"client_ip\":\"");
      c.podIp();
      l.ch('"');
      if (status >= 500) {
        l.ascii(",\"error\":\"");
        c.render("upstream ~-service: context deadline exceeded after %");
        l.ch('"');
      }
    }
    l.ch('}');
    c.emit(LineKind.JSON, status);
  }

  /** A debug dump of a request body: 4 to 16 KiB in one line. */
  private static void payload(LineContext c, AppProfile app) throws IOException {
    LineBuffer l = c.line;
    l.ascii("{\"ts\":\"");
    c.clocks.rfc3339(l, c.nanos, 3);
    l.ascii("\",\"level\":\"debug\",\"logger\":\"").ascii(app.packageName());
    l.ascii(".client\",\"msg\":\"outgoing payload\",\"trace_id\":\"");
    c.traceId();
    l.ascii("\",\"payload\":\"{\\\"items\\\":[");
    int target = l.length() + c.rng.nextInt(4096, 16384);
    boolean first = true;
    while (l.length() < target) {
      if (!first) {
        l.ch(',');
      }
      first = false;
      l.ascii("{\\\"sku\\\":\\\"SKU-").num(c.id()).ascii("\\\",\\\"qty\\\":");
      l.num(1 + c.rng.nextInt(5)).ascii(",\\\"price\\\":").num(c.rng.nextInt(1, 500)).ch('.');
      l.padded(c.rng.nextInt(100), 2).ascii(",\\\"note\\\":\\\"");
      c.render("~ for ~ #");
      l.ascii("\\\"}");
    }
    l.ascii("]}\"}");
    c.emit(LineKind.JSON, -1);
  }
}
