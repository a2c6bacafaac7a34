package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * node_exporter's {@code stat} collector: interrupts, context switches, forks, boot time and
 * running/blocked processes from {@code /proc/stat} (a line that is missing reads as 0, as in
 * node_exporter). The per-vector softirq family, off by default there, is not written. Not
 * thread-safe (the agent serialises scrapes).
 */
public final class StatCollector implements Collector {
  private final Path file;
  private final ProcText text = new ProcText();

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/stat}
   */
  public StatCollector(HostPaths paths) {
    this.file = Objects.requireNonNull(paths, "paths").proc("stat");
  }

  @Override
  public String name() {
    return "stat";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    text.load(file);
    long intr = 0;
    long ctxt = 0;
    long btime = 0;
    long forks = 0;
    long running = 0;
    long blocked = 0;
    for (; text.hasLine(); text.nextLine()) {
      if (!text.nextToken()) {
        continue;
      }
      int key = keyOf(text);
      if (key < 0 || !text.nextToken()) {
        continue;
      }
      long v = text.tokenLong();
      switch (key) {
        case 0 -> intr = v;
        case 1 -> ctxt = v;
        case 2 -> btime = v;
        case 3 -> forks = v;
        case 4 -> running = v;
        default -> blocked = v;
      }
    }
    write(out, "node_intr_total", MetricType.COUNTER, "Total number of interrupts serviced.", intr);
    write(
        out,
        "node_context_switches_total",
        MetricType.COUNTER,
        "Total number of context switches.",
        ctxt);
    write(out, "node_forks_total", MetricType.COUNTER, "Total number of forks.", forks);
    write(out, "node_boot_time_seconds", MetricType.GAUGE, "Node boot time, in unixtime.", btime);
    write(
        out,
        "node_procs_running",
        MetricType.GAUGE,
        "Number of processes in runnable state.",
        running);
    write(
        out,
        "node_procs_blocked",
        MetricType.GAUGE,
        "Number of processes blocked waiting for I/O to complete.",
        blocked);
  }

  private static int keyOf(ProcText t) {
    if (t.tokenIs("intr")) {
      return 0;
    } else if (t.tokenIs("ctxt")) {
      return 1;
    } else if (t.tokenIs("btime")) {
      return 2;
    } else if (t.tokenIs("processes")) {
      return 3;
    } else if (t.tokenIs("procs_running")) {
      return 4;
    } else if (t.tokenIs("procs_blocked")) {
      return 5;
    }
    return -1;
  }

  private static void write(MetricWriter out, String name, MetricType type, String help, long value)
      throws IOException {
    out.family(name, type, help);
    out.sample((double) value);
  }
}
