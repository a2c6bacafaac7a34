package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * node_exporter's {@code filefd} collector: {@code node_filefd_allocated} and {@code
 * node_filefd_maximum}, the first and third numbers of {@code /proc/sys/fs/file-nr} (the second is
 * always 0 since Linux 2.6). Not thread-safe (the agent serialises scrapes).
 */
public final class FilefdCollector implements Collector {
  private final Path file;
  private final ProcText text = new ProcText();

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/sys/fs/file-nr}
   */
  public FilefdCollector(HostPaths paths) {
    this.file = Objects.requireNonNull(paths, "paths").proc("sys/fs/file-nr");
  }

  @Override
  public String name() {
    return "filefd";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    text.load(file);
    text.requireToken("allocated file handles");
    double allocated = text.tokenDouble();
    text.requireToken("free file handles");
    text.requireToken("maximum file handles");
    double maximum = text.tokenDouble();
    out.family("node_filefd_allocated", MetricType.GAUGE, "File descriptor statistics: allocated.");
    out.sample(allocated);
    out.family("node_filefd_maximum", MetricType.GAUGE, "File descriptor statistics: maximum.");
    out.sample(maximum);
  }
}
