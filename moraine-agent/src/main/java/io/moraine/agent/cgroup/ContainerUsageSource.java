package io.moraine.agent.cgroup;

import java.io.IOException;
import java.util.List;

/**
 * The containers running now with their CPU time, for attributing node energy to containers.
 * Thread-safe; each call reads the cgroups afresh (callers call it once per scrape).
 */
public interface ContainerUsageSource {
  /**
   * The leaf containers (not the pod or QoS cgroups above them) present at this moment.
   *
   * @throws IOException when the cgroup hierarchy cannot be read at all
   */
  List<ContainerUsage> containers() throws IOException;
}
