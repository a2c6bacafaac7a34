package io.moraine.core.storage;

import io.moraine.core.labels.Matcher;
import java.util.List;

/**
 * A read view over a time range. Not thread-safe: one thread at a time. Closing releases the data
 * it pins (blocks that compaction has since replaced are deleted only when no querier holds them).
 */
public interface Querier extends AutoCloseable {
  /**
   * The series that match every matcher and have samples in the querier's range (series in the head
   * may be returned with no samples in range; iterators then yield nothing). At least one matcher
   * must not match the empty string, as in Prometheus.
   *
   * @param sorted whether the set must be in {@link io.moraine.core.labels.Labels} order
   * @param hints optional narrowing; may be {@link SelectHints#NONE}
   * @throws IllegalArgumentException when every matcher matches the empty string
   */
  SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers);

  /** Sorted distinct values of label {@code name} among series matching all matchers. */
  List<String> labelValues(String name, Matcher... matchers);

  /** Sorted distinct label names among series matching all matchers (all series when none). */
  List<String> labelNames(Matcher... matchers);

  @Override
  void close();
}
