package io.moraine.tsdb.head;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Series by labels and by id. Thread-safe: lookups are lock-free; creation and removal lock only
 * for the id array.
 */
// Slots of unused or removed ids in the id array are null.
@SuppressWarnings("NullAway")
final class SeriesTable {
  private final ConcurrentHashMap<Labels, MemSeries> byLabels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> symbols = new ConcurrentHashMap<>();
  private volatile @Nullable MemSeries[] byId = new MemSeries[1024];
  private int nextId = 1;

  @Nullable MemSeries get(Labels labels) {
    return byLabels.get(labels);
  }

  @Nullable MemSeries get(int id) {
    MemSeries[] a = byId;
    return id > 0 && id < a.length ? a[id] : null;
  }

  /**
   * The series with these labels, created with the next free id (or {@code forcedId} in replay)
   * when new.
   *
   * @param created receives the series when this call created it
   */
  MemSeries getOrCreate(Labels labels, int forcedId, Consumer<MemSeries> created) {
    MemSeries s = byLabels.get(labels);
    if (s != null) {
      return s;
    }
    synchronized (this) {
      s = byLabels.get(labels);
      if (s != null) {
        return s;
      }
      int id = forcedId > 0 ? forcedId : nextId;
      nextId = Math.max(nextId, id + 1);
      s = new MemSeries(id, intern(labels));
      MemSeries[] a = byId;
      if (id >= a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(id + 1, a.length * 2));
      }
      a[id] = s;
      byId = a;
      byLabels.put(s.labels, s);
      created.accept(s);
      return s;
    }
  }

  /** Shares label strings between series: most names and many values repeat. */
  private Labels intern(Labels labels) {
    String[] kv = labels.toArray();
    for (int i = 0; i < kv.length; i++) {
      String prev = symbols.putIfAbsent(kv[i], kv[i]);
      if (prev != null) {
        kv[i] = prev;
      }
    }
    return Labels.ofSorted(kv);
  }

  synchronized void remove(List<MemSeries> gone) {
    MemSeries[] a = byId;
    for (MemSeries s : gone) {
      byLabels.remove(s.labels, s);
      if (s.id < a.length && a[s.id] == s) {
        a[s.id] = null;
      }
    }
    // Drop symbols no live series uses any more.
    if (!gone.isEmpty()) {
      java.util.HashSet<String> used = new java.util.HashSet<>();
      for (MemSeries s : byLabels.values()) {
        for (int i = 0; i < s.labels.size(); i++) {
          used.add(s.labels.name(i));
          used.add(s.labels.value(i));
        }
      }
      symbols.keySet().retainAll(used);
    }
  }

  int size() {
    return byLabels.size();
  }

  synchronized int maxId() {
    return nextId - 1;
  }

  /** A snapshot of all series. */
  List<MemSeries> all() {
    return new ArrayList<>(byLabels.values());
  }
}
