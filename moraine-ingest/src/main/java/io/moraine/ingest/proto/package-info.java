/**
 * A small protobuf wire-format reader for hand-written decoders on hot ingestion paths
 * (remote-write). {@link io.moraine.ingest.proto.WireReader} walks a byte array with a primitive
 * cursor: field tags, varints, fixed-width numbers and length-delimited fields, entering nested
 * messages by narrowing its limit, so decoding a message allocates nothing. Malformed input throws
 * {@link io.moraine.ingest.proto.WireFormatException} naming what was wrong and where.
 */
@NullMarked
package io.moraine.ingest.proto;

import org.jspecify.annotations.NullMarked;
