package io.moraine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.Exposition.Family;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.energy.PowerModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole agent against the real node_exporter 1.5.0 on this machine: both scraped at the same
 * moment, three times a second apart. Every {@code node_*} family the agent writes that
 * node_exporter also writes must have the same TYPE, HELP and label sets, and the same values
 * within 1% (counters below 100 within 2 units, as they tick between the reads; the gauges in
 * {@link Parity#VOLATILE_GAUGES} only exist). A difference fails when it shows in all three rounds.
 * Writes {@code target/parity-report.txt} with the counts and node_exporter's families the agent
 * does not cover. Needs {@code /usr/bin/prometheus-node-exporter}; run with {@code -Pinterop}.
 */
@Tag("interop")
class NodeExporterParityTest {
  private static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");
  private static final int ROUNDS = 3;
  private static final Path LOG = Path.of("target/node-exporter-parity.log");

  /**
   * Upstream 1.5.0's defaults where Debian's package patches them and our collectors follow
   * upstream: Debian also excludes /run, /mnt and /media from filesystem and lo from netdev; and
   * netdev reads /proc/net/dev as ours does, not netlink.
   */
  private static final List<String> UPSTREAM_DEFAULTS =
      List.of(
          "--collector.filesystem.mount-points-exclude="
              + "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)",
          "--collector.netdev.device-exclude=",
          "--no-collector.netdev.netlink");

  private static final Pattern HELP_COLLECTOR = Pattern.compile("--collector\\.(\\w+)\\s+Enable");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void agentNodeFamiliesMatchNodeExporters() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "node_exporter not installed");
    Parity parity = new Parity(helpCollectors());
    int nePort = freePort();
    Process ne = startNodeExporter(nePort);
    AgentOptions options =
        new AgentOptions(
            new InetSocketAddress("127.0.0.1", 0),
            HostPaths.DEFAULT,
            Map.of(),
            "parity-test",
            null,
            PowerModel.GENERIC_X86_SERVER,
            null,
            null,
            0);
    Map<String, Family> ours = Map.of();
    Map<String, Family> theirs = Map.of();
    try (Agent agent = Agent.start(options);
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      URI neUri = URI.create("http://127.0.0.1:" + nePort + "/metrics");
      URI agentUri = URI.create("http://127.0.0.1:" + agent.port() + "/metrics");
      awaitAnswer(neUri, ne);
      awaitAnswer(agentUri, null);
      for (int round = 0; round < ROUNDS; round++) {
        if (round > 0) {
          Thread.sleep(1000);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        Future<String> a = pool.submit(() -> scrapeAt(start, agentUri));
        Future<String> n = pool.submit(() -> scrapeAt(start, neUri));
        ours = Exposition.parse(a.get(30, TimeUnit.SECONDS));
        theirs = Exposition.parse(n.get(30, TimeUnit.SECONDS));
        parity.compare(ours, theirs);
      }
    } finally {
      ne.destroy();
      if (!ne.waitFor(10, TimeUnit.SECONDS)) {
        ne.destroyForcibly();
      }
    }
    String report = report(parity, ours, theirs);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/parity-report.txt"), report, StandardCharsets.UTF_8);
    System.out.println(report);

    assertThat(parity.comparedFamilies()).as("claimed families also in node_exporter").isNotEmpty();
    assertThat(parity.failures()).as("parity failures (see target/parity-report.txt)").isEmpty();
  }

  private static String report(
      Parity parity, Map<String, Family> ours, Map<String, Family> theirs) {
    StringBuilder r = new StringBuilder();
    long claimed = ours.keySet().stream().filter(n -> n.startsWith("node_")).count();
    r.append("node_exporter parity: ").append(parity.rounds()).append(" rounds\n");
    r.append("node_exporter flags: ").append(String.join(" ", UPSTREAM_DEFAULTS)).append('\n');
    r.append("claimed node_* families: ").append(claimed).append('\n');
    r.append("claimed families compared: ").append(parity.comparedFamilies().size()).append('\n');
    r.append("series compared (all rounds): ").append(parity.seriesCompared()).append('\n');
    r.append("counter/untyped series value-checked: ")
        .append(parity.counterSeriesCompared())
        .append('\n');
    r.append(
        String.format(
            Locale.ROOT,
            "max relative counter difference: %.4f%% (%s)%n",
            parity.maxCounterRelative() * 100,
            parity.maxCounterSeries()));
    section(r, "FAILURES (in every round, or TYPE/HELP/naming)", parity.failures());
    section(r, "transient differences (not in every round)", parity.transient_());
    section(
        r,
        "claimed families node_exporter does not write",
        List.copyOf(parity.notInNodeExporter()));
    Map<String, List<String>> uncovered = Parity.uncovered(ours, theirs);
    int count = uncovered.values().stream().mapToInt(List::size).sum();
    r.append("\nnode_exporter families the agent does not cover: ").append(count).append('\n');
    uncovered.forEach(
        (prefix, names) ->
            r.append("  ")
                .append(prefix)
                .append(" (")
                .append(names.size())
                .append("): ")
                .append(String.join(", ", names))
                .append('\n'));
    return r.toString();
  }

  private static void section(StringBuilder r, String title, List<String> lines) {
    r.append('\n').append(title).append(": ").append(lines.size()).append('\n');
    lines.forEach(l -> r.append("  ").append(l).append('\n'));
  }

  private String scrapeAt(CyclicBarrier start, URI uri) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build();
    start.await(10, TimeUnit.SECONDS);
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IOException(uri + " answered " + resp.statusCode() + ": " + resp.body());
    }
    return resp.body();
  }

  private void awaitAnswer(URI uri, @Nullable Process process) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException(uri + " never answered", e);
        }
      }
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            "node_exporter exited with "
                + process.exitValue()
                + ": "
                + Files.readString(LOG, StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
  }

  private static String output(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Process startNodeExporter(int port) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY.toString());
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.addAll(UPSTREAM_DEFAULTS);
    Files.createDirectories(LOG.getParent());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
  }

  /** The collector names in {@code --help}, for telling a kernel gap from a naming mistake. */
  private static Set<String> helpCollectors() throws Exception {
    Process p = new ProcessBuilder(BINARY.toString(), "--help").redirectErrorStream(true).start();
    String help = output(p);
    p.waitFor(10, TimeUnit.SECONDS);
    Set<String> out = new TreeSet<>();
    Matcher m = HELP_COLLECTOR.matcher(help);
    while (m.find()) {
      out.add(m.group(1));
    }
    assertThat(out).as("collectors in node_exporter --help").contains("cpu", "meminfo");
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
