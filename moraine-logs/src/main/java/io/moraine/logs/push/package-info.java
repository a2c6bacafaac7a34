/**
 * The log write path from HTTP bodies to a {@link io.moraine.core.logs.LogAppendable}: decoders for
 * Loki's push bodies (JSON and snappy-compressed protobuf) and OTLP/HTTP logs (protobuf and JSON)
 * into one {@link io.moraine.logs.push.PushBatch}, Loki 2.9's distributor validation and per-tenant
 * ingestion rate limit ({@link io.moraine.logs.push.IngestLimits}), and the {@link
 * io.moraine.logs.push.LogPusher} that validates, appends and answers a {@link
 * io.moraine.logs.push.PushOutcome}.
 */
@NullMarked
package io.moraine.logs.push;

import org.jspecify.annotations.NullMarked;
