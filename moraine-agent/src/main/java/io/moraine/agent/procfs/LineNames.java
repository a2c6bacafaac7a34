package io.moraine.agent.procfs;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a collector derived from the name at the start of each line of a file (family names, help
 * texts), kept by line index and reused while the name's bytes at that index stay the same, so a
 * scrape of an unchanged file builds no strings. Not thread-safe: each collector owns its own.
 *
 * @param <T> what is derived from one name
 */
final class LineNames<T> {
  private final List<byte[]> names = new ArrayList<>();
  private final List<T> derived = new ArrayList<>();

  /**
   * What was kept for line {@code index}, or null when its name is not bytes [from, to) of text.
   */
  @Nullable T get(ProcText text, int index, int from, int to) {
    return index < names.size() && text.rangeEquals(from, to, names.get(index))
        ? derived.get(index)
        : null;
  }

  /**
   * Keeps {@code value} for line {@code index} (at most one past the last kept) under the name at
   * bytes [from, to) of text; returns it.
   */
  T put(ProcText text, int index, int from, int to, T value) {
    byte[] name = text.copy(from, to);
    if (index < names.size()) {
      names.set(index, name);
      derived.set(index, value);
    } else {
      names.add(name);
      derived.add(value);
    }
    return value;
  }
}
