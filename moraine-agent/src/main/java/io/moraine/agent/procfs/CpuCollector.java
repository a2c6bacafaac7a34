package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node_exporter's {@code cpu} collector, its {@code /proc/stat} part: {@code
 * node_cpu_seconds_total{cpu,mode}} and {@code node_cpu_guest_seconds_total{cpu,mode}} (ticks of
 * {@code USER_HZ} = 100 per second). As in node_exporter, a counter that goes down keeps its last
 * value, and a CPU whose idle time goes back by 3 s or more (a hot-plug) starts afresh; CPU ids
 * missing between present ones read as zeros. cpufreq, thermal throttles, isolated CPUs and {@code
 * /proc/cpuinfo} are not covered.
 *
 * <p>Not thread-safe (the agent serialises scrapes); keeps the last readings between scrapes.
 */
public final class CpuCollector implements Collector {
  private static final Logger LOG = LoggerFactory.getLogger(CpuCollector.class);

  /** The kernel's {@code USER_HZ}, fixed at 100 on every architecture node_exporter supports. */
  private static final double USER_HZ = 100;

  /** Idle going back this far means the CPU was unplugged and plugged again (node_exporter's). */
  private static final double JUMP_BACK_SECONDS = 3.0;

  /** The columns of a {@code cpuN} line, in file order. */
  private static final int FIELDS = 10;

  private static final int IDLE = 3;
  private static final int GUEST = 8;
  private static final String[] MODES = {
    "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"
  };
  private static final String[] GUEST_MODES = {"user", "nice"};
  private static final String[] LABELS = {"cpu", "mode"};

  private final Path file;
  private final ProcText text = new ProcText();
  private final String[] values = new String[2];
  private double[] fresh = new double[0];
  private double[] kept = new double[0];
  private String[] cpuIds = new String[0];
  private int cpus;

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/stat}
   */
  public CpuCollector(HostPaths paths) {
    this.file = Objects.requireNonNull(paths, "paths").proc("stat");
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    int count = read();
    if (count != cpus) {
      kept = new double[count * FIELDS];
      cpus = count;
    }
    merge();
    out.family(
        "node_cpu_seconds_total", MetricType.COUNTER, "Seconds the CPUs spent in each mode.");
    for (int cpu = 0; cpu < cpus; cpu++) {
      values[0] = cpuIds[cpu];
      for (int m = 0; m < MODES.length; m++) {
        values[1] = MODES[m];
        out.sample(LABELS, values, kept[cpu * FIELDS + m]);
      }
    }
    out.family(
        "node_cpu_guest_seconds_total",
        MetricType.COUNTER,
        "Seconds the CPUs spent in guests (VMs) for each mode.");
    for (int cpu = 0; cpu < cpus; cpu++) {
      values[0] = cpuIds[cpu];
      for (int m = 0; m < GUEST_MODES.length; m++) {
        values[1] = GUEST_MODES[m];
        out.sample(LABELS, values, kept[cpu * FIELDS + GUEST + m]);
      }
    }
  }

  /** Parses the {@code cpuN} lines into {@link #fresh}; returns 1 + the highest CPU id. */
  private int read() throws IOException {
    text.load(file);
    int count = 0;
    Arrays.fill(fresh, 0);
    for (; text.hasLine(); text.nextLine()) {
      if (!text.nextToken() || !text.tokenStartsWith("cpu") || text.tokenLength() == 3) {
        continue;
      }
      int cpu = (int) Math.min(text.tokenLong(3), Integer.MAX_VALUE / FIELDS - 1);
      if (cpu >= count) {
        count = cpu + 1;
        ensureCapacity(count);
      }
      int base = cpu * FIELDS;
      for (int f = 0; f < FIELDS && text.nextToken(); f++) {
        fresh[base + f] = text.tokenDouble() / USER_HZ;
      }
    }
    return count;
  }

  private void ensureCapacity(int count) {
    if (fresh.length < count * FIELDS) {
      fresh = Arrays.copyOf(fresh, count * FIELDS);
    }
    if (cpuIds.length < count) {
      int from = cpuIds.length;
      cpuIds = Arrays.copyOf(cpuIds, count);
      for (int i = from; i < count; i++) {
        cpuIds[i] = Integer.toString(i);
      }
    }
  }

  /** Takes the fresh readings into {@link #kept}, never letting a counter go down. */
  private void merge() {
    for (int cpu = 0; cpu < cpus; cpu++) {
      int base = cpu * FIELDS;
      if (kept[base + IDLE] - fresh[base + IDLE] >= JUMP_BACK_SECONDS) {
        LOG.atDebug()
            .addKeyValue("cpu", cpu)
            .addKeyValue("old_value", kept[base + IDLE])
            .addKeyValue("new_value", fresh[base + IDLE])
            .log("CPU idle counter jumped backwards, possible hotplug event, resetting CPU stats");
        Arrays.fill(kept, base, base + FIELDS, 0);
      }
      for (int f = 0; f < FIELDS; f++) {
        if (fresh[base + f] >= kept[base + f]) {
          kept[base + f] = fresh[base + f];
        } else {
          LOG.atDebug()
              .addKeyValue("cpu", cpu)
              .addKeyValue("field", f)
              .addKeyValue("old_value", kept[base + f])
              .addKeyValue("new_value", fresh[base + f])
              .log("CPU counter jumped backwards");
        }
      }
    }
  }
}
