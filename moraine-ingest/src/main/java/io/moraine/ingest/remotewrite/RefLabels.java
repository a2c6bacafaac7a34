package io.moraine.ingest.remotewrite;

import io.moraine.core.labels.Labels;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The labels behind the store's series refs that the tee has seen, so that appends by ref can be
 * forwarded with their labels. Two generations bound it: when the current one is full it becomes
 * the old one and the older is forgotten; a ref found only in the old one is moved forward. A
 * forgotten ref makes the tee answer "unknown ref", and the caller appends by labels again.
 * Thread-safe.
 */
final class RefLabels {
  private final int maxPerGeneration;
  private volatile ConcurrentHashMap<Long, Labels> current = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<Long, Labels> old = new ConcurrentHashMap<>();

  RefLabels(int maxPerGeneration) {
    this.maxPerGeneration = maxPerGeneration;
  }

  void put(long ref, Labels labels) {
    ConcurrentHashMap<Long, Labels> c = current;
    c.put(ref, labels);
    if (c.size() > maxPerGeneration) {
      rotate(c);
    }
  }

  @Nullable Labels get(long ref) {
    Labels l = current.get(ref);
    if (l == null) {
      l = old.get(ref);
      if (l != null) {
        put(ref, l);
      }
    }
    return l;
  }

  private synchronized void rotate(ConcurrentHashMap<Long, Labels> full) {
    if (current == full) {
      old = full;
      current = new ConcurrentHashMap<>();
    }
  }
}
