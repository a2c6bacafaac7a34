package io.moraine.ingest.push;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of one group: its pushed families by name (without the two push-time gauges) and the
 * times of its last successful and failed change, in ms since the epoch (0: never). Immutable.
 */
public record PushGroup(
    GroupingKey key,
    Map<String, MetricFamily> families,
    long pushTimeMillis,
    long failureTimeMillis) {
  /** The gauge Pushgateway adds to every group: last successful change, Unix seconds. */
  public static final String PUSH_TIME = "push_time_seconds";

  /** The gauge Pushgateway adds to every group: last failed change, Unix seconds. */
  public static final String FAILURE_TIME = "push_failure_time_seconds";

  public PushGroup {
    Objects.requireNonNull(key, "key");
    families = Collections.unmodifiableSortedMap(new TreeMap<>(families));
  }
}
