package io.moraine.tsdb.wal;

/**
 * The segments of a WAL: numbers {@code first} to {@code last} inclusive, consecutive; {@code last}
 * is the one being written.
 */
public record SegmentRange(int first, int last) {}
