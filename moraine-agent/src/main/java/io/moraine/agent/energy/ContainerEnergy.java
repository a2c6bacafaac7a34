package io.moraine.agent.energy;

import io.moraine.agent.cgroup.ContainerRef;
import io.moraine.agent.cgroup.ContainerUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-container energy totals, Kepler's way: in each interval a container gets the node's dynamic
 * energy of each component in proportion to its share of the node's busy CPU time ({@code uncore}
 * evenly, as Kepler does, since it does not follow CPU use), and an even share of the idle energy.
 * CPU time the node used outside any container belongs to a {@code system_processes}
 * pseudo-container, so the shares add up to the node's energy. Containers that vanish are dropped;
 * new ones start at 0 and, having no previous reading, take CPU shares from their second interval
 * on. Not thread-safe.
 */
final class ContainerEnergy {
  /** Kepler's name and namespace for host processes outside containers. */
  static final String SYSTEM = "system_processes";

  static final String SYSTEM_NAMESPACE = "system";

  private static final Pattern RUNTIME_ID = Pattern.compile("[0-9a-f]{64}");

  /** One container's state: its labels, last CPU reading, and totals [component][mode]. */
  static final class Entry {
    final String[] labels;
    double cpuSeconds;
    double cpuDelta;
    final double[][] joules = new double[Component.ALL.length][2];

    Entry(String[] labels, double cpuSeconds) {
      this.labels = labels;
      this.cpuSeconds = cpuSeconds;
    }
  }

  private final Entry system =
      new Entry(new String[] {SYSTEM, SYSTEM, SYSTEM, SYSTEM_NAMESPACE}, 0);
  private Map<String, Entry> containers = new LinkedHashMap<>();

  /**
   * Takes a new reading of the containers, dropping the vanished ones, and computes each one's CPU
   * time in the interval since the previous reading.
   */
  void observe(List<ContainerUsage> now) {
    Map<String, Entry> next = new LinkedHashMap<>();
    for (ContainerUsage u : now) {
      ContainerRef ref = u.ref();
      Entry e = containers.get(ref.id());
      if (e == null) {
        e = next.get(ref.id());
      }
      if (e == null) {
        e = new Entry(labelsOf(ref), u.cpuSeconds());
        e.cpuDelta = 0;
      } else {
        double d = u.cpuSeconds() - e.cpuSeconds;
        e.cpuDelta = d >= 0 ? d : u.cpuSeconds();
        e.cpuSeconds = u.cpuSeconds();
      }
      next.put(ref.id(), e);
    }
    containers = next;
  }

  /**
   * Splits one interval's node energy over the containers of the last {@link #observe} call and the
   * system pseudo-container.
   *
   * @param nodeBusySeconds the node's busy CPU time in the interval
   * @param energy per component, {@code [dynamic, idle]} joules of the interval
   */
  void attribute(double nodeBusySeconds, double[][] energy) {
    List<Entry> all = new ArrayList<>(containers.size() + 1);
    double containerCpu = 0;
    for (Entry e : containers.values()) {
      all.add(e);
      containerCpu += e.cpuDelta;
    }
    double denominator = Math.max(nodeBusySeconds, containerCpu);
    system.cpuDelta = denominator - containerCpu;
    all.add(system);
    int n = all.size();
    for (Entry e : all) {
      double share = denominator > 0 ? e.cpuDelta / denominator : 1.0 / n;
      for (Component c : Component.ALL) {
        double[] ce = energy[c.ordinal()];
        double dyn = c == Component.UNCORE ? ce[0] / n : ce[0] * share;
        e.joules[c.ordinal()][0] += dyn;
        e.joules[c.ordinal()][1] += ce[1] / n;
      }
    }
  }

  /** The containers with their totals, the system pseudo-container last. */
  List<Entry> entries() {
    List<Entry> all = new ArrayList<>(containers.values());
    all.add(system);
    return all;
  }

  /**
   * Kepler's labels {@code container_id, pod_name, container_name, container_namespace}: the
   * runtime's 64-hex id where the cgroup path holds one, else the cgroup path.
   */
  static String[] labelsOf(ContainerRef ref) {
    Matcher m = RUNTIME_ID.matcher(ref.id());
    String id = ref.id();
    while (m.find()) {
      id = m.group();
    }
    return new String[] {id, ref.pod(), ref.container(), ref.namespace()};
  }
}
