package io.moraine.core.logs;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import java.util.List;

/**
 * A read view of one tenant's streams over a time range. Not thread-safe: one thread at a time.
 * Closing releases the files it pins (segments that retention has since removed are deleted only
 * when no querier holds them). Reads stream from disk: memory does not grow with the range.
 */
public interface LogQuerier extends AutoCloseable {
  /**
   * The streams that match every matcher and may have entries in range, each with a cursor over its
   * entries in range in the hinted direction. At least one matcher must not match the empty string,
   * as in Loki.
   *
   * @throws IllegalArgumentException when every matcher matches the empty string
   */
  LogStreamSet select(List<Matcher> matchers, LogSelectHints hints);

  /** The label sets of the streams matching every matcher (all streams when none), sorted. */
  List<Labels> series(List<Matcher> matchers);

  /** Sorted distinct label names among streams matching all matchers (all streams when none). */
  List<String> labelNames(List<Matcher> matchers);

  /** Sorted distinct values of label {@code name} among streams matching all matchers. */
  List<String> labelValues(String name, List<Matcher> matchers);

  /** Index figures for the streams matching every matcher, as Loki's {@code /index/stats}. */
  LogIndexStats stats(List<Matcher> matchers);

  @Override
  void close();
}
