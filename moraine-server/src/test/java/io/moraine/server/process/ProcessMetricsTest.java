package io.moraine.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMetricsTest {
  private static Path fixture() throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(ProcessMetricsTest.class.getResource("/process/proc-self")).toURI());
  }

  private static String scrape(MetricRegistry r, ProcessMetrics m) throws Exception {
    m.refresh();
    var out = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(out);
    r.writeTo(w);
    w.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readsProcFixtureTree() throws Exception {
    MetricRegistry r = new MetricRegistry();
    String text = scrape(r, ProcessMetrics.register(r, fixture()));
    assertThat(text)
        .contains("# TYPE process_resident_memory_bytes gauge\n")
        .contains("\nprocess_resident_memory_bytes 126418944\n")
        .contains("\nprocess_virtual_memory_bytes 4096000000\n")
        .contains("\nprocess_open_fds 4\n")
        .contains("\nprocess_max_fds 1048576\n")
        .contains("# TYPE process_cpu_seconds_total counter\n")
        .containsPattern("\njvm_memory_used_bytes\\{area=\"heap\"} [1-9]")
        .containsPattern("\njvm_memory_used_bytes\\{area=\"nonheap\"} [1-9]")
        .containsPattern("\njvm_threads_current [1-9]");
  }

  @Test
  void startTimeIsInThePastInSeconds() throws Exception {
    MetricRegistry r = new MetricRegistry();
    String text = scrape(r, ProcessMetrics.register(r, fixture()));
    String line =
        text.lines().filter(l -> l.startsWith("process_start_time_seconds ")).findFirst().get();
    double v = Double.parseDouble(line.substring(line.indexOf(' ') + 1));
    // after 2020-01-01 and within seconds, not milliseconds
    assertThat(v).isBetween(1.5e9, 1e11);
  }

  @Test
  void withoutProcTheProcMetricsAreLeftOut(@TempDir Path empty) throws Exception {
    MetricRegistry r = new MetricRegistry();
    String text = scrape(r, ProcessMetrics.register(r, empty));
    assertThat(text)
        .doesNotContain("process_resident_memory_bytes")
        .contains("process_cpu_seconds");
  }

  @Test
  void parsesStatusFieldsAndUnlimitedFds(@TempDir Path dir) throws Exception {
    Path limits = dir.resolve("limits");
    java.nio.file.Files.writeString(
        limits, "Max open files            unlimited            unlimited            files\n");
    assertThat(ProcessMetrics.maxFds(limits)).isInfinite();
    assertThat(ProcessMetrics.statusKib(fixture().resolve("status"), "VmPeak:")).isEqualTo(4096000);
    assertThat(ProcessMetrics.statusKib(fixture().resolve("status"), "VmSwap:")).isNaN();
  }
}
