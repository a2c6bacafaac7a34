package io.moraine.agent.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steady-state scrapes of the fixture tree allocate little: after warm-up, what one scrape
 * allocates is bounded (the open file stream and its channel, no per-line strings). Measured with
 * HotSpot's per-thread allocation counter; the bound leaves room for JIT differences.
 */
class ScrapeAllocationTest {
  /**
   * Opening a file costs about 400 B (stream and channel; 392 B per scrape measured on JDK 25, 1176
   * B for pressure's three files); one string per line of meminfo or vmstat would add over 2 KiB.
   */
  private static final long BOUND_BYTES = 2048;

  private static final MetricWriter DISCARD =
      new MetricWriter() {
        @Override
        public void family(String name, MetricType type, String help) {}

        @Override
        public void sample(String[] labelNames, String[] labelValues, double value) {}
      };

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "meminfo", "stat", "vmstat", "pressure", "loadavg"})
  void steadyStateScrapeAllocatesLittle(String name) throws Exception {
    Assumptions.assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Collector c =
        ProcfsGoldenTest.collector(name, HostPaths.under(ProcfsGoldenTest.dir().resolve("host")));
    for (int i = 0; i < 2000; i++) {
      c.collect(DISCARD);
    }
    int rounds = 1000;
    long before = mx.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < rounds; i++) {
      c.collect(DISCARD);
    }
    long perScrape = (mx.getCurrentThreadAllocatedBytes() - before) / rounds;
    System.err.println("allocation " + name + " " + perScrape + " B/scrape");
    assertThat(perScrape).as("bytes per %s scrape", name).isLessThan(BOUND_BYTES);
  }
}
