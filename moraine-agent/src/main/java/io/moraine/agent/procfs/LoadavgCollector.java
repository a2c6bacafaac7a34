package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * node_exporter's {@code loadavg} collector: {@code node_load1}, {@code node_load5} and {@code
 * node_load15} from {@code /proc/loadavg}. Not thread-safe (the agent serialises scrapes).
 */
public final class LoadavgCollector implements Collector {
  private static final String[] NAMES = {"node_load1", "node_load5", "node_load15"};
  private static final String[] HELP = {
    "1m load average.", "5m load average.", "15m load average."
  };

  private static final String[] WHICH = {"1m load average", "5m load average", "15m load average"};

  private final Path file;
  private final ProcText text = new ProcText();
  private final double[] loads = new double[3];

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/loadavg}
   */
  public LoadavgCollector(HostPaths paths) {
    this.file = Objects.requireNonNull(paths, "paths").proc("loadavg");
  }

  @Override
  public String name() {
    return "loadavg";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    text.load(file);
    for (int i = 0; i < 3; i++) {
      text.requireToken(WHICH[i]);
      loads[i] = text.tokenDouble();
    }
    for (int i = 0; i < 3; i++) {
      out.family(NAMES[i], MetricType.GAUGE, HELP[i]);
      out.sample(loads[i]);
    }
  }
}
