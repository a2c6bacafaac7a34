package io.moraine.agent.energy;

import io.moraine.agent.cgroup.ContainerUsageSource;
import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code energy} collector: Kepler's node and container energy counters.
 *
 * <p>Families: {@code kepler_node_<component>_joules_total{package, instance, mode, source}} for
 * package, core, uncore, dram (and, from the model only, other and platform), each with {@code
 * mode="dynamic"} and {@code mode="idle"}; {@code kepler_container_<component>_joules_total} and
 * {@code kepler_container_joules_total} (package + dram + other) with {@code container_id,
 * pod_name, container_name, container_namespace, mode}. {@code source} is {@code rapl} or {@code
 * model} (Kepler 0.7 writes {@code rapl-sysfs} and {@code trained_power_model}; the issue and our
 * dashboards use the short names).
 *
 * <p>The source is chosen at the first collection and kept: RAPL when a package zone's counters can
 * be read, else the {@link PowerModel} (the reason is logged once). Totals start at 0 at the first
 * collection (as Kepler's) and only grow. Not thread-safe; {@link Collector} promises collections
 * one at a time.
 */
public final class EnergyCollector implements Collector {
  private static final Logger LOG = LoggerFactory.getLogger(EnergyCollector.class);
  private static final String[] NODE_LABELS = {"package", "instance", "mode", "source"};
  private static final String[] CONTAINER_LABELS = {
    "container_id", "pod_name", "container_name", "container_namespace", "mode", "source"
  };
  private static final String[] CONTAINER_TOTAL_LABELS = {
    "container_id", "pod_name", "container_name", "container_namespace", "mode"
  };
  private static final String[] MODES = {"dynamic", "idle"};

  private final HostPaths paths;
  private final PowerModel model;
  private final String nodeName;
  private final ContainerUsageSource containers;
  private final Clock clock;
  private final ContainerEnergy containerEnergy = new ContainerEnergy();

  private @Nullable EnergySource source;
  private double[][] nodeTotals = new double[0][];
  private double[][] interval = new double[0][];
  private final double[][] componentInterval = new double[Component.ALL.length][2];
  private final boolean[] present = new boolean[Component.ALL.length];
  private long previousNanos;
  private @Nullable CpuTimes previousCpu;

  /**
   * @param paths where sysfs ({@code class/powercap}) and procfs ({@code stat}) are read
   * @param model the power model used when RAPL cannot be read ({@link PowerModel#preset})
   * @param nodeName the {@code instance} label of node families (Kepler's node name)
   * @param containers the running containers and their CPU time, read once per collection
   * @param clock the time source; energy is integrated over {@link Clock#nanoTime} intervals
   */
  public EnergyCollector(
      HostPaths paths,
      PowerModel model,
      String nodeName,
      ContainerUsageSource containers,
      Clock clock) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.model = Objects.requireNonNull(model, "model");
    this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
    this.containers = Objects.requireNonNull(containers, "containers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "energy";
  }

  /** The {@code source} label in use, or empty before the first collection. */
  public String sourceLabel() {
    EnergySource s = source;
    return s == null ? "" : s.sourceLabel();
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    long now = clock.nanoTime();
    CpuTimes cpu = CpuTimes.read(paths);
    EnergySource s = source;
    CpuTimes before = previousCpu;
    if (s == null || before == null) {
      s = start();
      containerEnergy.observe(containers.containers());
    } else {
      double seconds = Math.max(0, (now - previousNanos) / 1e9);
      long busy = Math.max(0, cpu.busyTicks() - before.busyTicks());
      long total = cpu.totalTicks() - before.totalTicks();
      double utilisation = total > 0 ? Math.min(1, (double) busy / total) : 0;
      s.interval(utilisation, cpu.cores(), seconds, interval);
      accumulate(s.zones());
      containerEnergy.observe(containers.containers());
      containerEnergy.attribute(busy / CpuTimes.TICKS_PER_SECOND, componentInterval);
    }
    previousNanos = now;
    previousCpu = cpu;
    write(out, s);
  }

  private EnergySource start() throws IOException {
    EnergySource s;
    try {
      s = RaplSource.open(paths);
    } catch (RaplUnavailableException e) {
      LOG.atInfo()
          .addKeyValue("reason", e.getMessage())
          .addKeyValue("model", model.name())
          .log("RAPL energy counters unavailable; estimating node energy with the power model");
      s = new ModelSource(model);
    }
    s.prime();
    List<EnergySource.Zone> zones = s.zones();
    nodeTotals = new double[zones.size()][2];
    interval = new double[zones.size()][2];
    for (EnergySource.Zone z : zones) {
      present[z.component().ordinal()] = true;
    }
    source = s;
    return s;
  }

  private void accumulate(List<EnergySource.Zone> zones) {
    for (double[] c : componentInterval) {
      c[0] = 0;
      c[1] = 0;
    }
    for (int i = 0; i < zones.size(); i++) {
      int c = zones.get(i).component().ordinal();
      for (int m = 0; m < 2; m++) {
        nodeTotals[i][m] += interval[i][m];
        componentInterval[c][m] += interval[i][m];
      }
    }
  }

  private void write(MetricWriter out, EnergySource s) throws IOException {
    String src = s.sourceLabel();
    List<EnergySource.Zone> zones = s.zones();
    for (Component c : Component.ALL) {
      if (!present[c.ordinal()]) {
        continue;
      }
      out.family(c.nodeFamily(), MetricType.COUNTER, help(c.label(), src));
      for (int i = 0; i < zones.size(); i++) {
        if (zones.get(i).component() == c) {
          for (int m = 0; m < 2; m++) {
            String[] values = {zones.get(i).packageLabel(), nodeName, MODES[m], src};
            out.sample(NODE_LABELS, values, nodeTotals[i][m]);
          }
        }
      }
    }
    writeContainers(out, src);
  }

  private void writeContainers(MetricWriter out, String src) throws IOException {
    List<ContainerEnergy.Entry> entries = containerEnergy.entries();
    for (Component c : Component.ALL) {
      if (!present[c.ordinal()]) {
        continue;
      }
      out.family(c.containerFamily(), MetricType.COUNTER, help(c.label(), src));
      for (ContainerEnergy.Entry e : entries) {
        for (int m = 0; m < 2; m++) {
          out.sample(CONTAINER_LABELS, containerLabels(e, MODES[m], src), e.joules[c.ordinal()][m]);
        }
      }
    }
    out.family("kepler_container_joules_total", MetricType.COUNTER, help("joules", ""));
    for (ContainerEnergy.Entry e : entries) {
      for (int m = 0; m < 2; m++) {
        double total =
            e.joules[Component.PACKAGE.ordinal()][m]
                + e.joules[Component.DRAM.ordinal()][m]
                + e.joules[Component.OTHER.ordinal()][m];
        String[] l = containerLabels(e, MODES[m], "");
        out.sample(CONTAINER_TOTAL_LABELS, java.util.Arrays.copyOf(l, 5), total);
      }
    }
  }

  private static String[] containerLabels(ContainerEnergy.Entry e, String mode, String src) {
    return new String[] {e.labels[0], e.labels[1], e.labels[2], e.labels[3], mode, src};
  }

  /** Kepler's HELP text for its energy families. */
  private static String help(String component, String source) {
    return "Aggregated value in " + component + " value from " + source;
  }
}
