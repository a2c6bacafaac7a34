package io.moraine.bench.logs;

import java.io.IOException;

/** logfmt lines of Go services (go-kit/slog style): {@code ts=… level=… caller=… msg=…}. */
final class LogfmtLines implements LineSource {
  @Override
  public void event(LineContext c, AppProfile app) throws IOException {
    LineBuffer l = c.line;
    boolean request = c.chance(0.55);
    String method = c.pick(Words.METHODS);
    int status = request ? c.status(method, app.errorRate()) : -1;
    String level = !request ? c.level() : status >= 500 ? "error" : "info";
    l.ascii("ts=");
    c.clocks.rfc3339(l, c.nanos, 9);
    l.ascii(" level=").ascii(level).ascii(" caller=").ascii(c.pick(Words.GO_FILES)).ch(':');
    l.num(20 + c.rng.nextInt(400)).ascii(" msg=\"");
    if (request) {
      l.ascii("request served\" method=").ascii(method).ascii(" path=");
      c.render(app.route(c));
      l.ascii(" status=").num(status).ascii(" duration=");
      c.goDuration(c.latencyMicros(status >= 500 ? 2000 : 8, 1.0));
      l.ascii(" bytes=").num(c.rng.nextInt(0, 20_000)).ascii(" trace_id=");
      c.traceId();
      if (status >= 500) {
        l.ascii(" err=\"");
        c.render(c.pick(Words.GO_MESSAGES));
        l.ch('"');
      }
    } else {
      c.render(c.pick(Words.GO_MESSAGES));
      l.ascii("\" component=").ascii(c.pick(Words.NOUNS)).ascii("-controller");
      if (c.chance(0.3)) {
        l.ascii(" trace_id=");
        c.traceId();
      }
    }
    c.emit(LineKind.LOGFMT, status);
  }
}
