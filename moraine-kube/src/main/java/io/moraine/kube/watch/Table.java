package io.moraine.kube.watch;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The objects of one kind by key, with an immutable copy made when first asked for after a change,
 * so that a snapshot copies only the kinds that changed since the last one. Not thread-safe.
 */
final class Table<V> {
  private final Map<String, V> live = new HashMap<>();
  private @Nullable Map<String, V> frozen = Map.of();

  @Nullable V get(String key) {
    return live.get(key);
  }

  @Nullable V put(String key, V value) {
    frozen = null;
    return live.put(key, value);
  }

  @Nullable V remove(String key) {
    V old = live.remove(key);
    if (old != null) {
      frozen = null;
    }
    return old;
  }

  Collection<V> values() {
    return live.values();
  }

  /** An immutable copy of the current entries. */
  Map<String, V> frozen() {
    Map<String, V> f = frozen;
    if (f == null) {
      f = Map.copyOf(live);
      frozen = f;
    }
    return f;
  }
}
