package io.moraine.bench.logs;

/** How an app logs, with the source that writes its lines. */
enum AppKind {
  JSON(new JsonLines()),
  LOGFMT(new LogfmtLines()),
  JAVA(new JavaLines()),
  NGINX(new AccessLines(false)),
  ENVOY(new AccessLines(true));

  final LineSource source;

  AppKind(LineSource source) {
    this.source = source;
  }
}
