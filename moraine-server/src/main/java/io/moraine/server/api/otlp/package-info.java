/**
 * OTLP/HTTP ingest: {@code POST /v1/metrics} into the server's store, decoded and converted by
 * {@link io.moraine.ingest.otlp.OtlpReceiver}.
 */
@NullMarked
package io.moraine.server.api.otlp;

import org.jspecify.annotations.NullMarked;
