package io.moraine.kube.discovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys of objects to rebuild, each pending once however often it changed (as client-go's work
 * queue). Thread-safe: informer threads add, the discoverer's thread takes.
 */
final class KeyQueue {
  private final Set<String> pending = new LinkedHashSet<>();

  synchronized void add(String key) {
    pending.add(key);
    notifyAll();
  }

  /** Every pending key, waiting for one if there is none. */
  synchronized List<String> takeAll() throws InterruptedException {
    while (pending.isEmpty()) {
      wait();
    }
    return drain();
  }

  /** Every pending key, possibly none. */
  synchronized List<String> drain() {
    List<String> out = new ArrayList<>(pending);
    pending.clear();
    return out;
  }
}
