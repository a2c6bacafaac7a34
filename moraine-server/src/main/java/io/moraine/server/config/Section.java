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
  private static final YamlNode.Mark START = new YamlNode.Mark(1, 1);

  private final String path;
  private final YamlNode.@Nullable Mapping mapping;
  private final YamlNode.Mark mark;
  private final boolean followAliases;
  private final Set<String> taken = new HashSet<>();

  private Section(
      String path, YamlNode.@Nullable Mapping mapping, YamlNode.Mark mark, boolean followAliases) {
    this.path = path;
    this.mapping = mapping;
    this.mark = mark;
    this.followAliases = followAliases;
  }

  /**
   * A section over {@code node}, which must be a mapping, or null or empty (an empty section; the
   * YAML parser reports {@code key:} with nothing after it as an empty string). Aliases are
   * refused.
   */
  static Section of(String path, @Nullable YamlNode node) {
    return of(path, node, false);
  }

  /**
   * Like {@link #of}, but aliases in this section and below are followed to their anchored node, as
   * Prometheus does (prometheus.yml files share {@code static_configs} and relabel rules so).
   */
  static Section resolving(String path, @Nullable YamlNode node) {
    return of(path, node, true);
  }

  private static Section of(String path, @Nullable YamlNode node, boolean follow) {
    YamlNode n = follow ? deref(path, node) : node;
    if (n == null || n instanceof YamlNode.Scalar s && (s.isNull() || s.text().isEmpty())) {
      return new Section(path, null, n == null ? START : n.mark(), follow);
    }
    if (n instanceof YamlNode.Mapping m) {
      return new Section(path, m, m.mark(), follow);
    }
    throw new YamlError(n.mark(), label(path) + "expected a mapping, got " + n.kind());
  }

  static @Nullable YamlNode deref(String path, @Nullable YamlNode node) {
    if (node instanceof YamlNode.Alias a) {
      if (a.target() == null) {
        throw new YamlError(a.mark(), label(path) + "unknown YAML anchor \"" + a.anchor() + "\"");
      }
      return a.target();
    }
    return node;
  }

  /** Where the section starts (its mapping, or the line 1 column 1 when absent). */
  YamlNode.Mark mark() {
    return mark;
  }

  /** Where the value of {@code key} starts, or the section's start when it is absent. */
  YamlNode.Mark markOf(String key) {
    for (YamlNode.Entry e : entries()) {
      if (e.key().equals(key)) {
        YamlNode v = followAliases ? deref(child(key), e.value()) : e.value();
        return v == null ? e.keyMark() : v.mark();
      }
    }
    return mark;
  }

  /** An error at the value of {@code key} (or the section), prefixed with the section's path. */
  YamlError error(String key, String reason) {
    return new YamlError(markOf(key), label(path) + reason);
  }

  String path() {
    return path;
  }

  /** Whether the section has the key (with any value, null included); does not mark it read. */
  boolean has(String key) {
    for (YamlNode.Entry e : entries()) {
      if (e.key().equals(key)) {
        return true;
      }
    }
    return false;
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
        return followAliases ? deref(child(key), e.value()) : e.value();
      }
    }
    return null;
  }

  Section section(String key) {
    return of(child(key), take(key), followAliases);
  }

  /** The value under {@code key} as a sequence (absent or null: empty), checked to be one. */
  List<YamlNode> items(String key) {
    YamlNode n = take(key);
    if (n == null || n instanceof YamlNode.Scalar s && (s.isNull() || s.text().isEmpty())) {
      return List.of();
    }
    if (n instanceof YamlNode.Sequence seq) {
      List<YamlNode> out = new ArrayList<>();
      for (YamlNode item : seq.items()) {
        out.add(followAliases ? java.util.Objects.requireNonNull(deref(child(key), item)) : item);
      }
      return out;
    }
    throw new YamlError(n.mark(), label(child(key)) + "expected a sequence, got " + n.kind());
  }

  /** A sequence of mappings, one section each, with paths like {@code key[0]}. */
  List<Section> sections(String key) {
    List<Section> out = new ArrayList<>();
    List<YamlNode> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      out.add(of(child(key) + "[" + i + "]", items.get(i), followAliases));
    }
    return out;
  }

  /** A sequence of scalars (absent or null: empty); a null item reads as "". */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    List<YamlNode> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      String t = text(key + "[" + i + "]", items.get(i));
      out.add(t == null ? "" : t);
    }
    return out;
  }

  /** A string that may be empty, or {@code defaultValue} when absent or null. */
  String rawString(String key, String defaultValue) {
    YamlNode n = take(key);
    if (n instanceof YamlNode.Scalar s && !s.isNull()) {
      return s.text();
    }
    String t = text(key, n);
    return t == null ? defaultValue : t;
  }

  /** A boolean as YAML 1.1 spells it (true/false, yes/no, on/off), or the default. */
  boolean bool(String key, boolean defaultValue) {
    YamlNode n = take(key);
    String text = text(key, n);
    if (n == null || text == null) {
      return defaultValue;
    }
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "y" -> true;
      case "false", "no", "off", "n" -> false;
      default ->
          throw new YamlError(
              n.mark(), label(child(key)) + "expected a boolean, got \"" + text + "\"");
    };
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
