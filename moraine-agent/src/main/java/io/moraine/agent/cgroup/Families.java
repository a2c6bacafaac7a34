package io.moraine.agent.cgroup;

import static io.moraine.agent.cgroup.FileBytes.ABSENT;

import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.util.List;

/**
 * Writes one family per call over the cgroups of one scrape: a sample for each cgroup whose reading
 * is present. Not thread-safe; lives for one scrape.
 */
final class Families {
  /** Which reading of a cgroup a family shows; {@link FileBytes#ABSENT} leaves the cgroup out. */
  @FunctionalInterface
  interface Field {
    long of(CgroupStats s);
  }

  final MetricWriter out;
  final int n;
  private final List<CgroupStats> stats;
  private final List<String[]> labels;

  Families(MetricWriter out, List<CgroupStats> stats, List<String[]> labels, int n) {
    this.out = out;
    this.stats = stats;
    this.labels = labels;
    this.n = n;
  }

  void gauge(String name, String help, Field field, double divisor) throws IOException {
    typed(MetricType.GAUGE, name, help, field, divisor);
  }

  void counter(String name, String help, Field field, double divisor) throws IOException {
    typed(MetricType.COUNTER, name, help, field, divisor);
  }

  void typed(MetricType type, String name, String help, Field field, double divisor)
      throws IOException {
    out.family(name, type, help);
    for (int i = 0; i < n; i++) {
      long v = field.of(stats.get(i));
      if (v != ABSENT) {
        out.sample(ContainerCollector.LABELS, labels.get(i), v / divisor);
      }
    }
  }

  /** The same value for every cgroup. */
  void constant(String name, String help, double value) throws IOException {
    out.family(name, MetricType.GAUGE, help);
    for (int i = 0; i < n; i++) {
      out.sample(ContainerCollector.LABELS, labels.get(i), value);
    }
  }
}
