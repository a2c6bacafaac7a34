package io.moraine.rules.file;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rule file as written, before {@link RuleChecker#validate}: every field a Prometheus 2.42 rule
 * may carry, whether or not the combination is valid (both {@code record} and {@code alert},
 * annotations on a recording rule, ...), each with its position so that every error can name its
 * line and column. The YAML reader (the server's config package) builds it; only structural errors
 * (unknown fields, wrong YAML types, bad durations) stop it earlier. Immutable.
 *
 * @param path the file's path as given; errors and {@link RuleFile#path} carry it
 * @param groups the groups in file order
 */
public record RuleFileSource(String path, List<Group> groups) {
  public RuleFileSource {
    groups = List.copyOf(groups);
  }

  /** A scalar value with where it starts. */
  public record Text(String value, Position position) {}

  /**
   * A group as written.
   *
   * @param name its {@code name} ("" when absent)
   * @param interval its {@code interval}, or null when absent
   * @param limit its {@code limit} (0 when absent)
   * @param queryOffset its {@code query_offset}, or null when absent
   * @param position where the group's mapping starts
   */
  public record Group(
      String name,
      @Nullable Duration interval,
      int limit,
      @Nullable Duration queryOffset,
      List<Rule> rules,
      Position position) {
    public Group {
      rules = List.copyOf(rules);
    }
  }

  /**
   * A rule as written. Absent scalars are null; absent durations are zero.
   *
   * @param labels label names to values; each value's position is that of its key
   * @param annotations annotation names to values; each value's position is that of its key
   * @param position where the rule's mapping starts
   */
  public record Rule(
      @Nullable Text record,
      @Nullable Text alert,
      @Nullable Text expr,
      Duration forDuration,
      Duration keepFiringFor,
      Map<String, Text> labels,
      Map<String, Text> annotations,
      Position position) {
    public Rule {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
  }
}
