package io.moraine.core.logs;

import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;

/**
 * A batch of log entries for one tenant. Not thread-safe: one thread uses an appender from creation
 * to {@link #commit} or {@link #rollback}, after which it must not be used again.
 *
 * <p>Entries are checked as they are appended: an entry the store will not take (too far behind its
 * stream, stream limit reached) throws a {@link LogEntryRejectedException} naming the reason, is
 * counted, and leaves the rest of the batch intact; the caller may go on. An entry with the same
 * stream, timestamp and line as one already stored is dropped silently, as Loki does.
 */
public interface LogAppender {
  /**
   * Appends one entry.
   *
   * @param stream the stream's labels: valid Prometheus label names, at least one label, no {@code
   *     __name__}
   * @param timestampNanos entry time in nanoseconds since the epoch
   * @param line the line as UTF-8; the store copies {@code line[offset, offset + length)} before
   *     returning, so the caller may reuse the array
   * @param metadata structured metadata (not indexed); {@link Labels#EMPTY} when none
   * @throws LogEntryRejectedException when this entry is rejected
   */
  void append(
      Labels stream, long timestampNanos, byte[] line, int offset, int length, Labels metadata);

  /**
   * Appends one entry given as a string; see {@link #append(Labels, long, byte[], int, int,
   * Labels)}.
   */
  default void append(Labels stream, long timestampNanos, String line, Labels metadata) {
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    append(stream, timestampNanos, utf8, 0, utf8.length, metadata);
  }

  /**
   * Makes the batch durable and visible. Returns only after the batch is in the write-ahead log: an
   * acknowledged entry survives a crash of the process.
   *
   * @return the number of entries accepted (appended, not rejected, not dropped as duplicates)
   * @throws java.io.UncheckedIOException when the log cannot be written; nothing of the batch is
   *     then visible
   */
  int commit();

  /** Discards the batch. */
  void rollback();
}
