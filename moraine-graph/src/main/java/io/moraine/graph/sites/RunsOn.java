package io.moraine.graph.sites;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node a workload's pods ran on during the window: from the first of those pods' start to the
 * last one's end, {@code end} null while one still runs.
 */
public record RunsOn(String node, Instant start, @Nullable Instant end) {
  public RunsOn {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(start, "start");
  }
}
