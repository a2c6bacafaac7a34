/**
 * Loki 2.9's HTTP API as Grafana's Loki data source, logcli and log shippers use it. The write
 * side: {@code /loki/api/v1/push} (JSON and protobuf+snappy) and OTLP {@code /v1/logs}. The read
 * side: {@code /loki/api/v1/query}, {@code query_range}, {@code labels}, {@code
 * label/<name>/values}, {@code series}, {@code index/stats}, {@code tail} over a WebSocket, {@code
 * status/buildinfo} and {@code /ready}, with Loki's parameters, JSON shapes, status codes and
 * messages. Queries go through {@link io.moraine.server.api.loki.LogQueries} (the LogQL engine),
 * label and series lookups straight to the store's {@link io.moraine.core.logs.LogQueryable}.
 * Errors go through the server's one error mapper, in its Loki variant (plain-text bodies).
 */
@NullMarked
package io.moraine.server.api.loki;

import org.jspecify.annotations.NullMarked;
