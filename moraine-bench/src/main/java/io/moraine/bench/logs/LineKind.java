package io.moraine.bench.logs;

/** What a generated line is; counted per kind in the manifest. */
enum LineKind {
  /** A JSON application log line. */
  JSON,
  /** A logfmt line from a Go service. */
  LOGFMT,
  /** An ingress-nginx access log line. */
  NGINX,
  /** An Envoy access log line. */
  ENVOY,
  /** A logback line of a Java service. */
  JAVA,
  /** One line of a Java stack trace (the exception, an {@code at} frame, {@code Caused by}). */
  JAVA_STACK
}
