package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * node_exporter 1.5.0's {@code softnet} collector: {@code node_softnet_processed_total}, {@code
 * _dropped_total} and {@code _times_squeezed_total} per line of procfs {@code net/softnet_stat}
 * (the first three hexadecimal columns). As in 1.5.0 the {@code cpu} label is the line's index, not
 * the kernel's CPU number column. A line with fewer than nine columns is an error. Not thread-safe
 * (the agent serialises scrapes).
 */
public final class SoftnetCollector implements Collector {
  private static final String[] CPU = {"cpu"};
  private static final int MIN_COLUMNS = 9;
  private static final String[] NAMES = {
    "node_softnet_processed_total",
    "node_softnet_dropped_total",
    "node_softnet_times_squeezed_total"
  };
  private static final String[] HELPS = {
    "Number of processed packets",
    "Number of dropped packets",
    "Number of times processing packets ran out of quota"
  };

  private final Path file;
  private final ProcText text = new ProcText();
  private final List<String[]> cpuLabels = new ArrayList<>();
  private long[] values = new long[3 * 64];

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/net/softnet_stat} (the network
   *     namespace of the agent's process)
   */
  public SoftnetCollector(HostPaths paths) {
    this.file = Objects.requireNonNull(paths, "paths").proc("net/softnet_stat");
  }

  @Override
  public String name() {
    return "softnet";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    text.load(file);
    int rows = 0;
    for (; text.hasLine(); text.nextLine()) {
      if (3 * rows + 3 > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      int columns = 0;
      while (text.nextToken()) {
        if (columns < 3) {
          long v = text.tokenHex();
          if (v > 0xFFFF_FFFFL) {
            throw text.fail("value out of uint32 range: " + text.token());
          }
          values[3 * rows + columns] = v;
        }
        columns++;
      }
      if (columns < MIN_COLUMNS) {
        throw text.fail(columns + " columns, at least " + MIN_COLUMNS + " expected");
      }
      rows++;
    }
    while (cpuLabels.size() < rows) {
      cpuLabels.add(new String[] {Integer.toString(cpuLabels.size())});
    }
    for (int k = 0; k < 3; k++) {
      out.family(NAMES[k], MetricType.COUNTER, HELPS[k]);
      for (int r = 0; r < rows; r++) {
        out.sample(CPU, cpuLabels.get(r), values[3 * r + k]);
      }
    }
  }
}
