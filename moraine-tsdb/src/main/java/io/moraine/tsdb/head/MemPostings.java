package io.moraine.tsdb.head;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.roaringbitmap.RoaringBitmap;

/**
 * The head's inverted index: label name → value → series ids. Thread-safe: readers take a copy of
 * the bitmaps they need under a read lock; adds and deletes take the write lock.
 */
final class MemPostings {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Map<String, RoaringBitmap>> byName = new HashMap<>();
  private final RoaringBitmap all = new RoaringBitmap();

  void add(int id, Labels labels) {
    lock.writeLock().lock();
    try {
      for (int i = 0; i < labels.size(); i++) {
        byName
            .computeIfAbsent(labels.name(i), k -> new HashMap<>())
            .computeIfAbsent(labels.value(i), k -> new RoaringBitmap())
            .add(id);
      }
      all.add(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes series; callers batch deletes (head truncation). */
  void delete(List<MemSeries> gone) {
    lock.writeLock().lock();
    try {
      for (MemSeries s : gone) {
        Labels labels = s.labels;
        for (int i = 0; i < labels.size(); i++) {
          Map<String, RoaringBitmap> values = byName.get(labels.name(i));
          if (values == null) {
            continue;
          }
          RoaringBitmap bm = values.get(labels.value(i));
          if (bm != null) {
            bm.remove(s.id);
            if (bm.isEmpty()) {
              values.remove(labels.value(i));
              if (values.isEmpty()) {
                byName.remove(labels.name(i));
              }
            }
          }
        }
        all.remove(s.id);
      }
      for (Map<String, RoaringBitmap> values : byName.values()) {
        for (RoaringBitmap bm : values.values()) {
          bm.runOptimize();
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A private copy of the postings for one label pair (empty when unknown). */
  RoaringBitmap postings(String name, String value) {
    lock.readLock().lock();
    try {
      Map<String, RoaringBitmap> values = byName.get(name);
      RoaringBitmap bm = values == null ? null : values.get(value);
      return bm == null ? new RoaringBitmap() : bm.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  RoaringBitmap all() {
    lock.readLock().lock();
    try {
      return all.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Names with at least one series of id at most {@code maxId}, sorted. */
  List<String> labelNames(int maxId) {
    lock.readLock().lock();
    try {
      List<String> names = new ArrayList<>();
      for (Map.Entry<String, Map<String, RoaringBitmap>> e : byName.entrySet()) {
        for (RoaringBitmap bm : e.getValue().values()) {
          if (Integer.toUnsignedLong(bm.first()) <= maxId) {
            names.add(e.getKey());
            break;
          }
        }
      }
      Collections.sort(names);
      return names;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Values of {@code name} with at least one series of id at most {@code maxId}, sorted. */
  List<String> labelValues(String name, int maxId) {
    lock.readLock().lock();
    try {
      Map<String, RoaringBitmap> values = byName.get(name);
      if (values == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, RoaringBitmap> e : values.entrySet()) {
        if (Integer.toUnsignedLong(e.getValue().first()) <= maxId) {
          out.add(e.getKey());
        }
      }
      Collections.sort(out);
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }
}
