package io.moraine.ingest.push;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A group's identity: {@code job} and the other labels of the push path, as Pushgateway's grouping
 * key. Values may be empty ({@code instance@base64/=}): such a key differs from one without the
 * label, though the samples stored for both carry no such label. Immutable.
 *
 * @param labels label names to values, sorted by name; must hold a non-empty {@code job}
 */
public record GroupingKey(SortedMap<String, String> labels) {
  public GroupingKey {
    Objects.requireNonNull(labels, "labels");
    String job = labels.get("job");
    if (job == null || job.isEmpty()) {
      throw new IllegalArgumentException("job name is required");
    }
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  /** A key from {@code job} and further labels. */
  public static GroupingKey of(String job, Map<String, String> others) {
    TreeMap<String, String> m = new TreeMap<>(others);
    m.put("job", job);
    return new GroupingKey(m);
  }

  /** The job label. */
  public String job() {
    return labels.getOrDefault("job", "");
  }

  @Override
  public String toString() {
    return labels.toString();
  }
}
