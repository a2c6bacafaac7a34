package io.moraine.agent.cgroup;

import java.util.Objects;

/**
 * A container's cumulative CPU time at one reading.
 *
 * @param ref the container
 * @param cpuSeconds CPU time used since the container started (user + system), seconds
 */
public record ContainerUsage(ContainerRef ref, double cpuSeconds) {
  public ContainerUsage {
    Objects.requireNonNull(ref, "ref");
  }
}
