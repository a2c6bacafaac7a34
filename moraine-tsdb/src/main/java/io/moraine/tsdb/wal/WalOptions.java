package io.moraine.tsdb.wal;

/**
 * Options of a {@link Wal}.
 *
 * @param maxSegmentBytes a new segment is started when the next record would pass this size; a
 *     single record must fit in a segment. At least 1 KiB, at most 1 GiB.
 * @param fsyncIntervalMillis 0: every {@code log()} returns after fsync. Otherwise {@code log()}
 *     fsyncs when the last fsync is older than this, and the owner calls {@link Wal#sync()} at this
 *     interval so that idle periods are covered too.
 */
public record WalOptions(long maxSegmentBytes, long fsyncIntervalMillis) {
  /**
   * 128 MiB segments: few files for a day of data, and truncation after a checkpoint frees space in
   * coarse but cheap steps (as Prometheus does). 1 s fsync interval: at most a second of
   * acknowledged samples is lost on a power cut (never on a process crash), and fsync cost is
   * amortised over a second of writes.
   */
  public static final WalOptions DEFAULT = new WalOptions(128L << 20, 1000);

  /** Why 1 KiB: the header and a few frames; smaller segments are only useful in tests anyway. */
  static final long MIN_SEGMENT_BYTES = 1024;

  /** Why 1 GiB: lengths and offsets inside a segment stay well within an int. */
  static final long MAX_SEGMENT_BYTES = 1L << 30;

  public WalOptions {
    if (maxSegmentBytes < MIN_SEGMENT_BYTES || maxSegmentBytes > MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "maxSegmentBytes must be in [" + MIN_SEGMENT_BYTES + ", " + MAX_SEGMENT_BYTES + "]");
    }
    if (fsyncIntervalMillis < 0) {
      throw new IllegalArgumentException("fsyncIntervalMillis must be >= 0");
    }
  }

  /** The largest record (type byte and payload) that fits in a segment. */
  public int maxRecordBytes() {
    return (int) (maxSegmentBytes - Segments.HEADER_BYTES - Segments.FRAME_HEADER_BYTES);
  }
}
