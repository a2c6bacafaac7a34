package io.moraine.server.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document as a tree that remembers where each node starts, so that every configuration
 * error can name its line and column. Immutable.
 */
sealed interface YamlNode {
  /** Where the node starts: 1-based line and column. */
  Mark mark();

  /** The kind as an error message names it: "a mapping", "a sequence", "a scalar", "an alias". */
  String kind();

  /** A position in the file, 1-based. */
  record Mark(int line, int column) {}

  /** A scalar; {@code isNull} for {@code ~}, {@code null} and empty values. */
  record Scalar(String text, boolean isNull, Mark mark) implements YamlNode {
    @Override
    public String kind() {
      return isNull ? "null" : "a scalar";
    }
  }

  /**
   * A reference to an anchor ({@code *name}). Kept as a node so that sections that refuse aliases
   * can say so; {@code target} is the anchored node, or null when no earlier node has that anchor.
   */
  record Alias(String anchor, @Nullable YamlNode target, Mark mark) implements YamlNode {
    @Override
    public String kind() {
      return "an alias";
    }
  }

  /** One key of a mapping with the key's position. */
  record Entry(String key, Mark keyMark, YamlNode value) {}

  /** A mapping whose keys are unique, in file order. */
  record Mapping(List<Entry> entries, Mark mark) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** A sequence in file order. */
  record Sequence(List<YamlNode> items, Mark mark) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a sequence";
    }
  }
}
