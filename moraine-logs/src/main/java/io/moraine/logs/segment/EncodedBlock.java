package io.moraine.logs.segment;

/**
 * A block's bytes (filter, compressed entries, compressed lines) with its meta; immutable once
 * made. The meta's offset is 0: the bytes start at index 0 of {@link #bytes()}.
 */
public record EncodedBlock(BlockMeta meta, byte[] bytes) {}
