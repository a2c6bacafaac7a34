/**
 * The query side of Prometheus' HTTP API v1 ({@code /api/v1/query}, {@code query_range}, {@code
 * series}, {@code labels}, {@code label/<name>/values}, {@code metadata}, {@code format_query},
 * {@code status/*}), with Prometheus 2.42's parameters, JSON shapes, error types and messages.
 * Responses are streamed with Jackson's {@code JsonGenerator}; errors go through the server's one
 * error mapper.
 */
@NullMarked
package io.moraine.server.api.prom;

import org.jspecify.annotations.NullMarked;
