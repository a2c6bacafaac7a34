package io.moraine.ingest.remotewrite;

import io.moraine.core.labels.Labels;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Series met in earlier requests, keyed by the raw bytes of their label fields as the sender
 * encoded them, each with its {@link Labels} and the store's series ref. Thread-safe; shared by all
 * requests of a receiver.
 *
 * <p>Bounded by two generations: when the current one reaches its size limit it becomes the
 * previous one and a new, empty one starts; an entry found only in the previous one moves to the
 * current. Series that stopped being sent fall out after two rotations, active ones never do.
 */
final class SeriesCache {
  /** A series: labels, a dense id for per-request bookkeeping, and the store's ref (0: none). */
  static final class Entry {
    final ByteKey key;
    final Labels labels;
    final long id;
    volatile long ref;

    Entry(ByteKey key, Labels labels, long id) {
      this.key = key;
      this.labels = labels;
      this.id = id;
    }
  }

  private final int maxPerGeneration;
  private final AtomicLong ids = new AtomicLong();
  private volatile ConcurrentHashMap<ByteKey, Entry> current = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<ByteKey, Entry> previous = new ConcurrentHashMap<>();

  SeriesCache(int maxPerGeneration) {
    this.maxPerGeneration = maxPerGeneration;
  }

  /** The entry for these label bytes, or null. {@code probe} is not retained. */
  @Nullable Entry get(ByteKey probe) {
    Entry e = current.get(probe);
    if (e != null) {
      return e;
    }
    e = previous.get(probe);
    if (e != null) {
      insert(e);
    }
    return e;
  }

  /**
   * Adds a series under a copy of {@code probe}'s bytes; returns the entry now cached for them
   * (another thread's, if it won a race).
   */
  Entry put(ByteKey probe, Labels labels) {
    Entry e = new Entry(probe.copy(), labels, ids.incrementAndGet());
    return insert(e);
  }

  /** Entries in the current generation (for tests and self-metrics). */
  int size() {
    return current.size();
  }

  private Entry insert(Entry e) {
    ConcurrentHashMap<ByteKey, Entry> cur = current;
    if (cur.size() >= maxPerGeneration) {
      synchronized (this) {
        if (current == cur) {
          previous = cur;
          current = new ConcurrentHashMap<>();
        }
        cur = current;
      }
    }
    Entry prev = cur.putIfAbsent(e.key, e);
    return prev == null ? e : prev;
  }
}
