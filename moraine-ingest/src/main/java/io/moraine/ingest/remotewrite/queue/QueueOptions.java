package io.moraine.ingest.remotewrite.queue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a queue lives and how large it may grow.
 *
 * @param dir the queue's own directory, created when absent
 * @param segmentBytes the size at which a new segment is started
 * @param maxDiskBytes the most bytes the segments may take together; above it the oldest segments
 *     are dropped (at least the segment being written is always kept)
 */
public record QueueOptions(Path dir, long segmentBytes, long maxDiskBytes) {
  /**
   * 8 MiB segments: a default-sized backlog of 512 MiB is 64 files, and a dropped segment loses at
   * most 1/64 of it.
   */
  public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;

  /** 512 MiB: at ~20 bytes a sample, about 25 million samples, an hour of a busy site. */
  public static final long DEFAULT_MAX_DISK_BYTES = 512L << 20;

  public QueueOptions {
    Objects.requireNonNull(dir, "dir");
    if (segmentBytes < 64) {
      throw new IllegalArgumentException("segmentBytes must be at least 64: " + segmentBytes);
    }
    if (maxDiskBytes < segmentBytes) {
      throw new IllegalArgumentException(
          "maxDiskBytes ("
              + maxDiskBytes
              + ") must be at least segmentBytes ("
              + segmentBytes
              + ")");
    }
  }

  /** The defaults for {@code dir}. */
  public static QueueOptions defaults(Path dir) {
    return new QueueOptions(dir, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_DISK_BYTES);
  }
}
