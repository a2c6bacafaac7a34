/**
 * The receiving side of OTLP/HTTP metrics ({@code ExportMetricsServiceRequest}, OpenTelemetry
 * protocol 1.x), converted to Prometheus series as the OpenTelemetry "Prometheus and OpenMetrics
 * compatibility" specification and Prometheus' OTLP translator do it.
 *
 * <p>A pipeline of pure stages: {@link io.moraine.ingest.otlp.ProtoDecoder} (protobuf, read by hand
 * with {@link io.moraine.ingest.proto.WireReader}) or {@link io.moraine.ingest.otlp.JsonDecoder}
 * (OTLP/JSON, jackson-core streaming) turn a body into the small model of {@link
 * io.moraine.ingest.otlp.MetricsData}; {@link io.moraine.ingest.otlp.SeriesConverter} names the
 * series ({@link io.moraine.ingest.otlp.PromNames}) and appends their samples through a core {@link
 * io.moraine.core.storage.Appender}. {@link io.moraine.ingest.otlp.OtlpReceiver} ties them together
 * and counts; {@link io.moraine.ingest.otlp.OtlpResponses} writes the protocol's answers.
 */
@NullMarked
package io.moraine.ingest.otlp;

import org.jspecify.annotations.NullMarked;
