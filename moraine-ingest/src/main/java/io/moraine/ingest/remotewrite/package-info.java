/**
 * The receiving side of Prometheus remote-write 1.0 ({@code POST /api/v1/write}), with Prometheus
 * 2.42's semantics.
 *
 * <p>{@link io.moraine.ingest.remotewrite.RemoteWriteReceiver} takes a request body (a snappy block
 * holding a {@code prometheus.WriteRequest}), decodes it by hand with {@link
 * io.moraine.ingest.proto.WireReader} and appends its samples through one core {@link
 * io.moraine.core.storage.Appender}, committed or rolled back as a whole. Series are remembered
 * across requests by the raw bytes of their labels, so a series already seen costs neither string
 * decoding nor a label-set lookup: its samples go straight to the store by series ref. Refusals are
 * {@link io.moraine.ingest.remotewrite.RemoteWriteException}s, one subtype per reason, mapped to
 * HTTP by the server.
 */
@NullMarked
package io.moraine.ingest.remotewrite;

import org.jspecify.annotations.NullMarked;
