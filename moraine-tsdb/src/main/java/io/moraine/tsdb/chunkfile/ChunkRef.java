package io.moraine.tsdb.chunkfile;

/**
 * A chunk's address in a segmented chunk file: {@code (segmentIndex << 32) | offsetInSegment}, the
 * segment index being the number in the segment's file name. Refs are stable for the life of the
 * file, so indexes and head series may store them.
 */
public final class ChunkRef {
  private ChunkRef() {}

  public static long of(int segment, long offset) {
    if (segment < 1 || offset < 0 || offset > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("BUG: no chunk ref for " + segment + "@" + offset);
    }
    return ((long) segment << 32) | offset;
  }

  public static int segment(long ref) {
    return (int) (ref >>> 32);
  }

  public static long offset(long ref) {
    return ref & 0xFFFF_FFFFL;
  }

  public static String toString(long ref) {
    return SegmentFiles.name(segment(ref)) + "@" + offset(ref);
  }
}
