package io.moraine.bench.logs;

import java.io.IOException;

/**
 * Spring Boot services logging with logback's default pattern and tracing ids; errors often come
 * with a stack trace, one CRI line per trace line as a container runtime hands them over.
 */
final class JavaLines implements LineSource {
  private static final String[] LEVELS = {" INFO", "DEBUG", " WARN", "ERROR"};

  @Override
  public void event(LineContext c, AppProfile app) throws IOException {
    String level = c.level();
    boolean request = c.chance(0.3);
    int status = request ? c.status(c.pick(Words.METHODS), app.errorRate()) : -1;
    if (status >= 500) {
      level = "error";
    }
    boolean error = level.equals("error");
    boolean sql = !error && c.chance(0.001);
    header(c, app, level);
    LineBuffer l = c.line;
    if (error) {
      l.ascii("Request processing failed for ");
      c.render(app.route(c));
      l.ascii(": ").ascii(JavaTraces.pick(c, app).name());
    } else if (sql) {
      longSql(c, app);
    } else if (request) {
      l.ascii("Completed ").num(status).ascii(" in ").num(c.latencyMicros(30, 1.0) / 1000);
      l.ascii("ms for ");
      c.render(app.route(c));
    } else {
      c.render(c.pick(Words.JAVA_MESSAGES));
    }
    c.emit(LineKind.JAVA, status);
    if (error && c.chance(0.6)) {
      JavaTraces.write(c, app);
    }
  }

  private static void header(LineContext c, AppProfile app, String level) {
    LineBuffer l = c.line;
    c.clocks.logback(l, c.nanos);
    String lv =
        switch (level) {
          case "debug" -> LEVELS[1];
          case "warn" -> LEVELS[2];
          case "error" -> LEVELS[3];
          default -> LEVELS[0];
        };
    l.ch(' ').ascii(lv).ascii(" 1 --- [");
    l.ascii(c.pick(Words.THREADS)).num(1 + c.rng.nextInt(1 + c.rng.nextInt(200)));
    l.ascii("] [").ascii(app.name()).ch(',');
    c.traceId();
    l.ch(',');
    c.spanId();
    l.ascii("] c.a.").ascii(app.packageName()).ch('.').ascii(c.pick(Words.JAVA_PACKAGES)).ch('.');
    String noun = c.pick(Words.NOUNS).replace("-", "");
    l.ch(Character.toUpperCase(noun.charAt(0))).ascii(noun.substring(1));
    l.ascii(c.pick(Words.JAVA_CLASSES)).ascii(" : ");
  }

  /** Hibernate's SQL logging of a wide query: one line of a few KiB. */
  private static void longSql(LineContext c, AppProfile app) {
    LineBuffer l = c.line;
    l.ascii("select ");
    int columns = 40 + c.rng.nextInt(120);
    String table = app.packageName();
    for (int i = 0; i < columns; i++) {
      if (i > 0) {
        l.ascii(", ");
      }
      l.ch('o').num(i % 7).ascii("_1_.").ascii(c.pick(Words.NOUNS).replace('-', '_')).ascii("_id");
      l.ascii(" as ").ascii("col_").num(i % 7).ch('_').num(i).ascii("_0_");
    }
    l.ascii(" from ").ascii(table).ascii(" o0_1_ where o0_1_.id=").num(c.id());
  }
}
