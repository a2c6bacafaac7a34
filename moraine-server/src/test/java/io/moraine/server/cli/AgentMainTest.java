package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.Agent;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code moraine agent}: flags, exit codes, and a running agent's HTTP surface on this host. */
class AgentMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(
      List<String> args, ShutdownHooks hooks, java.util.function.Consumer<Agent> started) {
    return AgentMain.run(
        args, new PrintWriter(out), new PrintWriter(err), hooks, started, Map.of());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus | unknown flag --bogus",
        "--no-collector.nope | unknown collector 'nope' in --no-collector.nope (known: conntrack, cpu,",
        "--collector.cpu=maybe | invalid value 'maybe' for --collector.cpu: want true or false",
        "--listen=9701 | invalid listen address \"9701\": missing port",
        "--logs.push-url=ftp://x/y | invalid URL 'ftp://x/y' for --logs.push-url",
        "--energy.model=steam | unknown power model preset \"steam\"",
        "--path.procfs | missing value for --path.procfs",
        "extra | unexpected argument 'extra'",
      })
  void badFlagsExitTwoWithOneLine(String arg, String message) {
    int code = run(List.of(arg.split(" ")), action -> {}, a -> {});
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("moraine: ").contains(message);
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @Test
  void helpListsFlagsAndCollectors() {
    assertThat(run(List.of("--help"), action -> {}, a -> {})).isZero();
    assertThat(out.toString())
        .contains("--listen=ADDR", "--logs.push-url=URL", "--path.rootfs=DIR")
        .contains("filesystem", "container", "energy", "gpu");
  }

  @Test
  void servesMetricsInBothFormatsUntilStopped() throws Exception {
    List<Runnable> stops = new ArrayList<>();
    CompletableFuture<Agent> started = new CompletableFuture<>();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    List.of("--listen=127.0.0.1:0", "--no-collector.cpu", "--collector.gpu=false"),
                    stops::add,
                    started::complete));
    Agent agent = started.get(60, TimeUnit.SECONDS);
    assertThat(agent.collectors()).doesNotContain("cpu", "gpu").contains("meminfo", "filesystem");
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + agent.port();

    HttpResponse<String> text =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text.body())
        .contains("# TYPE node_memory_MemTotal_bytes gauge\n")
        .contains("# TYPE node_context_switches_total counter\n")
        .contains("moraine_agent_collector_success{collector=\"meminfo\"} 1\n")
        .doesNotContain("node_cpu_seconds_total", "# EOF");

    HttpResponse<byte[]> om =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header(
                    "Accept",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(om.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(om.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (GZIPInputStream z = new GZIPInputStream(new java.io.ByteArrayInputStream(om.body()))) {
      z.transferTo(plain);
    }
    String omText = plain.toString(StandardCharsets.UTF_8);
    assertThat(omText)
        .contains("# TYPE node_context_switches counter\nnode_context_switches_total ")
        .endsWith("# EOF\n");

    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/-/healthy")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(405);

    assertThat(stops).hasSize(1);
    stops.get(0).run();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void portInUseIsARuntimeFailure() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int code = run(List.of("--listen=127.0.0.1:" + taken.getLocalPort()), action -> {}, a -> {});
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).startsWith("moraine: cannot start the agent:");
    }
  }

  @Test
  void mainJarDelegatesTheAgentCommand() {
    int code =
        new Main(Engines.load())
            .execute(new PrintWriter(out), new PrintWriter(err), "agent", "--nope");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("moraine: unknown flag --nope (see moraine agent --help)\n");
  }
}
