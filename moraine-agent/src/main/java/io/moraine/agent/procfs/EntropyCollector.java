package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * node_exporter's {@code entropy} collector: {@code node_entropy_available_bits} and {@code
 * node_entropy_pool_size_bits} from {@code /proc/sys/kernel/random/{entropy_avail,poolsize}}. Not
 * thread-safe (the agent serialises scrapes).
 */
public final class EntropyCollector implements Collector {
  private final Path available;
  private final Path poolSize;
  private final ProcText text = new ProcText();

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/sys/kernel/random/*}
   */
  public EntropyCollector(HostPaths paths) {
    Objects.requireNonNull(paths, "paths");
    this.available = paths.proc("sys/kernel/random/entropy_avail");
    this.poolSize = paths.proc("sys/kernel/random/poolsize");
  }

  @Override
  public String name() {
    return "entropy";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    out.family("node_entropy_available_bits", MetricType.GAUGE, "Bits of available entropy.");
    out.sample(read(available, "entropy_avail"));
    out.family("node_entropy_pool_size_bits", MetricType.GAUGE, "Bits of entropy pool.");
    out.sample(read(poolSize, "poolsize"));
  }

  private double read(Path file, String what) throws IOException {
    text.load(file);
    text.requireToken(what);
    return text.tokenLong();
  }
}
