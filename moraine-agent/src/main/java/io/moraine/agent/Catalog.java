package io.moraine.agent;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent's collectors by name, with whether each runs by default and a one-line description (for
 * {@code --collector.<name>} switches and their help).
 */
public final class Catalog {
  /** One collector's switch. */
  public record Entry(String name, boolean enabledByDefault, String description) {}

  private static final List<Entry> ENTRIES =
      List.of(new Entry("process", true, "the agent's own process_* figures"));

  private Catalog() {}

  /** All collectors, in the order they run. */
  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** The names, in order. */
  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  static @Nullable Entry find(String name) {
    for (Entry e : ENTRIES) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
