package io.moraine.ingest.textparse;

import io.moraine.core.labels.Labels;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Assigns dense series ids ({@code 0, 1, 2, ...}) to label sets for one import, shared by the
 * parsers of one input.
 *
 * <p>Thread-safe. Only series new to a parser reach it (a parser remembers the raw bytes of the
 * series it has met), so contention is bounded by the number of distinct series, not samples.
 */
public final class SeriesRegistry {
  private final ConcurrentHashMap<Labels, Integer> ids = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger();

  /**
   * The id of {@code labels}; a new id if the labels were never seen, in which case {@code
   * creator.series(id, labels)} is called exactly once, before the id is visible to any other
   * thread (other threads asking for the same labels wait until it returns).
   */
  public int idOf(Labels labels, SampleSink creator) {
    Integer id = ids.get(labels);
    if (id != null) {
      return id;
    }
    return ids.computeIfAbsent(
        labels,
        l -> {
          int n = nextId.getAndIncrement();
          creator.series(n, l);
          return n;
        });
  }

  private final ConcurrentHashMap<String, String> symbols = new ConcurrentHashMap<>();

  /**
   * One shared instance per distinct label name or value: most repeat across series, so sharing
   * saves memory, and later equality checks (index writing, sorting) hit the identity fast path.
   */
  String intern(String s) {
    String prev = symbols.putIfAbsent(s, s);
    return prev == null ? s : prev;
  }

  /** Number of distinct series registered so far. */
  public int size() {
    return ids.size();
  }
}
