package io.moraine.bench.logs;

import java.io.IOException;

/**
 * Access logs: ingress-nginx's default format, or Envoy's default format with the request id and a
 * trace id. Health probes and metric scrapes are among the requests, as in real access logs.
 */
final class AccessLines implements LineSource {
  private final boolean envoy;

  AccessLines(boolean envoy) {
    this.envoy = envoy;
  }

  @Override
  public void event(LineContext c, AppProfile app) throws IOException {
    String method = c.pick(Words.METHODS);
    int status = c.status(method, app.errorRate());
    long micros = c.latencyMicros(status >= 500 ? 1500 : 25, 1.2);
    int bytes = status == 204 || status == 304 ? 0 : c.rng.nextInt(120, 80_000);
    if (envoy) {
      envoy(c, app, method, status, micros, bytes);
    } else {
      nginx(c, app, method, status, micros, bytes);
    }
  }

  private static void nginx(
      LineContext c, AppProfile app, String method, int status, long micros, int bytes)
      throws IOException {
    LineBuffer l = c.line;
    c.clientIp();
    l.ascii(" - - [");
    c.clocks.nginx(l, c.nanos);
    l.ascii("] \"").ascii(method).ch(' ');
    c.render(app.route(c));
    l.ascii(" HTTP/").ascii(c.chance(0.7) ? "1.1" : "2.0").ascii("\" ").num(status).ch(' ');
    l.num(bytes).ascii(" \"");
    c.render(c.pick(Words.REFERERS));
    l.ascii("\" \"").ascii(c.pick(Words.USER_AGENTS)).ascii("\" ").num(c.rng.nextInt(200, 2000));
    l.ch(' ').millis3(micros / 1000 + 1).ascii(" [").ascii(c.namespace).ch('-');
    String upstream = c.pick(Words.APPS);
    l.ascii(upstream).ascii("-8080] [] ");
    c.podIp();
    l.ascii(":8080 ").num(bytes).ch(' ').millis3(micros / 1000).ch(' ').num(status).ch(' ');
    c.traceId();
    c.emit(LineKind.NGINX, status);
  }

  private static void envoy(
      LineContext c, AppProfile app, String method, int status, long micros, int bytes)
      throws IOException {
    LineBuffer l = c.line;
    l.ch('[');
    c.clocks.rfc3339(l, c.nanos, 3);
    l.ascii("] \"").ascii(method).ch(' ');
    c.render(app.route(c));
    l.ascii(" HTTP/1.1\" ")
        .num(status)
        .ascii(status == 503 ? " UF " : status == 504 ? " UT " : " - ");
    l.num(method.equals("GET") ? 0 : c.rng.nextInt(50, 4000)).ch(' ').num(bytes).ch(' ');
    long ms = micros / 1000;
    l.num(ms + 1).ch(' ').num(ms).ascii(" \"");
    c.clientIp();
    l.ascii("\" \"").ascii(c.pick(Words.USER_AGENTS)).ascii("\" \"");
    long a = c.rng.nextLong();
    long b = c.rng.nextLong();
    l.hex(a >>> 32, 8).ch('-').hex(a >>> 16, 4).ch('-').hex(0x4000 | (a & 0x0fff), 4).ch('-');
    l.hex(0x8000 | (b >>> 48 & 0x3fff), 4).ch('-').hex(b, 12).ascii("\" \"");
    l.ascii(app.name()).ch('.').ascii(c.namespace).ascii(".svc.cluster.local:8080\" \"");
    c.podIp();
    l.ascii(":8080\" ");
    c.traceId();
    c.emit(LineKind.ENVOY, status);
  }
}
