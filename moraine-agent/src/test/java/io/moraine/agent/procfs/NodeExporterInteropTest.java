package io.moraine.agent.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real node_exporter 1.5.0 and our collectors on this machine's live /proc: the families whose
 * values do not move between two reads must be the same series with the same values. Needs {@code
 * /usr/bin/prometheus-node-exporter}; run with {@code -Pinterop}.
 */
@Tag("interop")
class NodeExporterInteropTest {
  private static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");
  private static final List<String> STABLE =
      List.of(
          "node_uname_info",
          "node_os_info",
          "node_os_version",
          "node_boot_time_seconds",
          "node_memory_MemTotal_bytes",
          "node_memory_SwapTotal_bytes",
          "node_memory_HugePages_Total",
          "node_entropy_pool_size_bits",
          "node_filefd_maximum",
          "node_time_clocksource_current_info");

  @Test
  void stableFamiliesEqualNodeExporters() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "node_exporter not installed");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--collector.disable-defaults",
                "--collector.uname",
                "--collector.os",
                "--collector.stat",
                "--collector.meminfo",
                "--collector.entropy",
                "--collector.filefd",
                "--collector.time",
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String theirs = fetch(port);
      Recorded ours = new Recorded();
      for (Collector c :
          List.<Collector>of(
              new UnameCollector(HostPaths.DEFAULT),
              new OsCollector(HostPaths.DEFAULT),
              new StatCollector(HostPaths.DEFAULT),
              new MeminfoCollector(HostPaths.DEFAULT),
              new EntropyCollector(HostPaths.DEFAULT),
              new FilefdCollector(HostPaths.DEFAULT),
              new TimeCollector(
                  HostPaths.DEFAULT,
                  java.time.InstantSource.system(),
                  java.time.ZoneId.of("UTC")))) {
        c.collect(ours);
      }
      Map<String, Double> expected = series(theirs);
      Map<String, Double> actual = series(ours.text());
      assertThat(actual).isEqualTo(expected);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  private static String fetch(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(5))
            .build();
    for (int i = 0; ; i++) {
      try {
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
      } catch (java.io.IOException e) {
        if (i > 50) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** The samples of the {@link #STABLE} families, keyed by name and label text. */
  private static Map<String, Double> series(String exposition) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
      if (STABLE.contains(name)) {
        out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return out;
  }
}
