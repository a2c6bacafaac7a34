package io.moraine.server.config;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.time.Durations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds one YAML mapping to typed values, remembering which keys were read so that {@link
 * #rejectUnknown} can point at the first key nobody asked for. Errors are {@link YamlError}s at the
 * offending node, prefixed with the dotted path of the field ({@code storage.tsdb.path: ...}).
 */
final class Section {
  private final String path;
  private final YamlNode.@Nullable Mapping mapping;
  private final Set<String> taken = new HashSet<>();

  private Section(String path, YamlNode.@Nullable Mapping mapping) {
    this.path = path;
    this.mapping = mapping;
  }

  /**
   * A section over {@code node}, which must be a mapping, or null or empty (an empty section; the
   * YAML parser reports {@code key:} with nothing after it as an empty string).
   */
  static Section of(String path, @Nullable YamlNode node) {
    if (node == null || node instanceof YamlNode.Scalar s && (s.isNull() || s.text().isEmpty())) {
      return new Section(path, null);
    }
    if (node instanceof YamlNode.Mapping m) {
      return new Section(path, m);
    }
    throw new YamlError(node.mark(), label(path) + "expected a mapping, got " + node.kind());
  }

  String path() {
    return path;
  }

  /** The entries in file order (empty for an empty section). */
  List<YamlNode.Entry> entries() {
    return mapping == null ? List.of() : mapping.entries();
  }

  /** The value under {@code key}, marking it read; null when absent. */
  @Nullable YamlNode take(String key) {
    taken.add(key);
    for (YamlNode.Entry e : entries()) {
      if (e.key().equals(key)) {
        return e.value();
      }
    }
    return null;
  }

  Section section(String key) {
    return of(child(key), take(key));
  }

  /** A Prometheus duration in ms, or {@code defaultMillis} when absent or null. */
  long duration(String key, long defaultMillis) {
    YamlNode n = take(key);
    String text = text(key, n);
    if (n == null || text == null) {
      return defaultMillis;
    }
    try {
      return Durations.parseMillis(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new YamlError(n.mark(), label(child(key)) + e.getMessage());
    }
  }

  /** A byte size (see {@link ByteSizes}), or {@code defaultBytes} when absent or null. */
  long bytes(String key, long defaultBytes) {
    YamlNode n = take(key);
    String text = text(key, n);
    if (n == null || text == null) {
      return defaultBytes;
    }
    try {
      return ByteSizes.parseBytes(text);
    } catch (IllegalArgumentException e) {
      throw new YamlError(n.mark(), label(child(key)) + e.getMessage());
    }
  }

  /** A non-negative integer, or {@code defaultValue} when absent or null. */
  long nonNegativeLong(String key, long defaultValue) {
    YamlNode n = take(key);
    String text = text(key, n);
    if (n == null || text == null) {
      return defaultValue;
    }
    try {
      long v = Long.parseLong(text);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the position
    }
    throw new YamlError(
        n.mark(), label(child(key)) + "expected a non-negative integer, got \"" + text + "\"");
  }

  /** A string, or null when absent, null or empty. */
  @Nullable String string(String key) {
    String text = text(key, take(key));
    return text == null || text.isEmpty() ? null : text;
  }

  /** A label set: a mapping of valid label names (not {@code __name__}) to valid values. */
  Labels labels(String key) {
    Section s = section(key);
    Labels.Builder b = Labels.builder();
    for (YamlNode.Entry e : s.entries()) {
      if (e.key().equals(Labels.METRIC_NAME) || !LabelValidation.isValidLabelName(e.key())) {
        throw new YamlError(
            e.keyMark(), label(s.path) + "\"" + e.key() + "\" is not a valid label name");
      }
      String value = s.text(e.key(), s.take(e.key()));
      if (value != null && !LabelValidation.isValidUtf16(value)) {
        throw new YamlError(e.value().mark(), label(s.path) + "label value is not valid UTF-8");
      }
      b.add(e.key(), value == null ? "" : value);
    }
    return b.build();
  }

  /**
   * Accepts keys that are known but not acted on yet.
   *
   * @return the dotted paths of those present, for a logged note
   */
  List<String> ignore(String... keys) {
    List<String> present = new ArrayList<>();
    for (String k : keys) {
      if (take(k) != null) {
        present.add(child(k));
      }
    }
    return present;
  }

  /** Throws at the first key that no method of this section read. */
  void rejectUnknown() {
    for (YamlNode.Entry e : entries()) {
      if (!taken.contains(e.key())) {
        String where = path.isEmpty() ? "at the top level" : "in " + path;
        throw new YamlError(e.keyMark(), "unknown field \"" + e.key() + "\" " + where);
      }
    }
  }

  private @Nullable String text(String key, @Nullable YamlNode n) {
    if (n == null) {
      return null;
    }
    return switch (n) {
      case YamlNode.Scalar s -> s.isNull() || s.text().isEmpty() ? null : s.text();
      case YamlNode.Alias a ->
          throw new YamlError(a.mark(), label(child(key)) + "YAML aliases are not supported here");
      default ->
          throw new YamlError(n.mark(), label(child(key)) + "expected a scalar, got " + n.kind());
    };
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String label(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
