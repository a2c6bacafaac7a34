package io.moraine.agent.cgroup;

import java.io.IOException;
import java.util.Optional;

/**
 * Which container a host process belongs to, from {@code /proc/<pid>/cgroup}, for attributing GPU
 * processes to pods. Thread-safe.
 */
public interface ProcessContainers {
  /**
   * The container of process {@code pid}, or empty when the process is gone or not in a container.
   *
   * @throws IOException on a read failure other than the process having exited
   */
  Optional<ContainerRef> containerOf(long pid) throws IOException;
}
