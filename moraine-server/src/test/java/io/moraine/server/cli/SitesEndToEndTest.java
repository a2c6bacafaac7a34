package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moraine.graph.render.MoraineRenderer;
import io.moraine.graph.render.RenderOptions;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.Resources;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.model.WorkloadInfo;
import io.moraine.server.store.TsdbStorageOpener;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sites API in the running server over the real TSDB and PromQL engine: samples with cAdvisor
 * and node_exporter names imported, the graph filled with the renderer's subgraphs through {@code
 * /subgraph}, then numbers, units, the window's exactness and the error answers checked.
 */
class SitesEndToEndTest {
  private static final String BASE = "https://moraine.local/site/edge-1/";
  private static final double MIB = 1024 * 1024;
  private static final String POD = "web-5d8f7c9b4-x2x7k";

  @TempDir Path data;
  private TestServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  /** The window's end: a whole minute, 90 minutes after its start. */
  private final long end = System.currentTimeMillis() / 60_000 * 60_000;

  private final long start = end - 5_400_000;

  @BeforeEach
  void start() throws Exception {
    Path cfg = data.resolve("moraine.yml");
    Files.writeString(cfg, "graph:\n  site: edge-1\n");
    server = TestServer.start(new TsdbStorageOpener(), "--data=" + data, "--config=" + cfg);
    importSamples();
    fillGraph();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  /**
   * From 10 minutes before the window to its end, every 15 s: the pod's CPU counter grows 0.5/s and
   * its memory is 100 MiB for the window's first 30 minutes, 400 MiB after (average over exactly 90
   * minutes: 300 MiB; over the last hour it would be 400); the node's non-idle CPU grows 1.5/s and
   * it has 4 GiB of its 16 in use.
   */
  private void importSamples() throws Exception {
    StringBuilder body = new StringBuilder();
    String pod = "{namespace=\"default\",pod=\"" + POD + "\",container=\"app\"}";
    for (long t = start - 600_000; t <= end; t += 15_000) {
      double s = (t - (start - 600_000)) / 1000.0;
      line(body, "container_cpu_usage_seconds_total" + pod, 0.5 * s, t);
      line(
          body,
          "container_memory_working_set_bytes" + pod,
          (t < end - 3_600_000 ? 100 : 400) * MIB,
          t);
      line(body, "node_cpu_seconds_total{node=\"node-a\",cpu=\"0\",mode=\"user\"}", 1.5 * s, t);
      line(body, "node_cpu_seconds_total{node=\"node-a\",cpu=\"0\",mode=\"idle\"}", 0.5 * s, t);
      line(body, "node_memory_MemTotal_bytes{node=\"node-a\"}", 16 * 1024 * MIB, t);
      line(body, "node_memory_MemAvailable_bytes{node=\"node-a\"}", 12 * 1024 * MIB, t);
    }
    HttpResponse<String> r =
        post("/api/v1/import/prometheus", "text/plain", body.toString().getBytes());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }

  private static void line(StringBuilder b, String series, double v, long t) {
    b.append(series).append(' ').append(v).append(' ').append(t).append('\n');
  }

  private void fillGraph() throws Exception {
    Instant created = Instant.ofEpochMilli(start - 3_600_000);
    ObjectRef dep = new ObjectRef("Deployment", "default", "web", "uid-web");
    ObjectRef rs = new ObjectRef("ReplicaSet", "default", "web-5d8f7c9b4", "uid-rs");
    Resources req = new Resources(Map.of("cpu", 0.25, "memory", 256 * MIB));
    Resources lim = new Resources(Map.of("memory", 512 * MIB));
    NodeInfo node =
        new NodeInfo(
            new ObjectRef("Node", "", "node-a", "uid-node-a"),
            Map.of(),
            Map.of(),
            new Resources(Map.of("cpu", 4.0, "memory", 16 * 1024 * MIB)),
            new Resources(Map.of("cpu", 3.9, "memory", 15 * 1024 * MIB)),
            "arm64",
            "linux",
            "Debian GNU/Linux 12",
            "6.1.0-25-arm64",
            "v1.31.2",
            "containerd://1.7.22",
            "10.0.0.11",
            "",
            false,
            Map.of("Ready", "True"),
            created,
            0,
            "",
            1e9,
            created,
            null);
    WorkloadInfo web =
        new WorkloadInfo(
            dep,
            Map.of(),
            Map.of(),
            null,
            List.of("nginx:1.27"),
            req,
            lim,
            Map.of(),
            1,
            1,
            1,
            0,
            0,
            created,
            null,
            "",
            "",
            null);
    ContainerInfo app =
        new ContainerInfo(
            "app",
            "nginx:1.27",
            false,
            req,
            lim,
            "containerd://app",
            "running",
            "",
            created,
            null,
            0,
            null,
            "");
    PodInfo pod =
        new PodInfo(
            new ObjectRef("Pod", "default", POD, "uid-pod"),
            Map.of(),
            Map.of(),
            rs,
            dep,
            "node-a",
            "Running",
            "",
            "default-scheduler",
            "Burstable",
            "10.1.0.7",
            "",
            List.of(),
            List.of(app),
            req,
            lim,
            created,
            Instant.ofEpochMilli(start - 1_800_000),
            null,
            null,
            List.of());
    ClusterState state =
        new ClusterState(
            new SiteInfo("edge-1", "config", "https://10.0.0.1:6443"),
            Map.of(node.ref().key(), node),
            Map.of(dep.key(), web),
            Map.of(pod.ref().key(), pod),
            Map.of(),
            Map.of());
    MoraineRenderer renderer = new MoraineRenderer(RenderOptions.defaults("edge-1"));
    List<Map<Node, Graph>> graphs = new ArrayList<>();
    graphs.add(renderer.render(node, state));
    graphs.add(renderer.render(web, state));
    graphs.add(renderer.render(pod, state));
    graphs.add(renderer.renderSite(state));
    for (Map<Node, Graph> m : graphs) {
      for (Map.Entry<Node, Graph> e : m.entrySet()) {
        String id = e.getKey().getURI().substring((BASE + "graph/").length());
        ByteArrayOutputStream ttl = new ByteArrayOutputStream();
        RDFDataMgr.write(ttl, e.getValue(), Lang.TURTLE);
        HttpResponse<String> r = send("PUT", "/subgraph/" + id, "text/turtle", ttl.toByteArray());
        assertThat(r.statusCode()).as(id + ": " + r.body()).isIn(201, 204);
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String type, byte[] body)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", type)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
    return send("POST", path, type, body);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String window() {
    return "?start=" + start / 1000 + "&end=" + Instant.ofEpochMilli(end);
  }

  @Test
  void nodesReportCapacityAndUsageOverExactlyTheWindow() throws Exception {
    HttpResponse<String> r = get("/api/v1/sites/edge-1/nodes" + window());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    JsonNode d = json.readTree(r.body()).path("data");
    assertThat(d.path("window_seconds").asDouble()).isEqualTo(5400);
    JsonNode node = d.path("nodes").get(0);
    assertThat(node.path("name").asText()).isEqualTo("node-a");
    assertThat(node.path("architecture").asText()).isEqualTo("arm64");
    assertThat(node.path("kernel").asText()).isEqualTo("6.1.0-25-arm64");
    assertThat(node.path("ready").asBoolean()).isTrue();
    JsonNode cpu = node.path("resources").path("cpu");
    assertThat(cpu.path("capacity").path("value").isNumber()).isTrue();
    assertThat(cpu.path("capacity").path("value").asDouble()).isEqualTo(4);
    assertThat(cpu.path("capacity").path("unit").asText()).isEqualTo("cores");
    assertThat(cpu.path("capacity").path("unit_iri").asText())
        .isEqualTo("http://qudt.org/vocab/unit/NUM");
    assertThat(cpu.path("allocatable").path("value").asDouble()).isEqualTo(3.9);
    assertThat(cpu.path("used").path("avg").asDouble()).isCloseTo(1.5, within(1e-6));
    assertThat(cpu.path("used").path("max").asDouble()).isCloseTo(1.5, within(1e-6));
    assertThat(cpu.path("used").path("promql").asText()).contains(")[5400s:21600ms])");
    JsonNode mem = node.path("resources").path("memory");
    assertThat(mem.path("used").path("avg").asDouble()).isEqualTo(4 * 1024 * MIB);
    assertThat(mem.path("used").path("unit").asText()).isEqualTo("bytes");
    // 1 Gbit/s NIC
    JsonNode net = node.path("resources").path("network");
    assertThat(net.path("capacity").path("value").asDouble()).isEqualTo(125e6);
    assertThat(net.path("capacity").path("unit").asText()).isEqualTo("bytes/s");
    // no energy data: null, never 0
    JsonNode energy = node.path("resources").path("energy");
    assertThat(energy.path("used").path("avg").isNull()).isTrue();
    assertThat(energy.path("used").path("unit").asText()).isEqualTo("W");
    assertThat(energy.path("capacity").path("value").isNull()).isTrue();
  }

  @Test
  void aWorkloadReportsRequestsLimitsWhereItRanAndWhatItUsed() throws Exception {
    HttpResponse<String> r = get("/api/v1/sites/edge-1/workloads/default/web" + window());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode w = json.readTree(r.body()).path("data").path("workload");
    assertThat(w.path("kind").asText()).isEqualTo("Deployment");
    JsonNode runsOn = w.path("runs_on");
    assertThat(runsOn).hasSize(1);
    assertThat(runsOn.get(0).path("node").asText()).isEqualTo("node-a");
    assertThat(runsOn.get(0).path("start_time").asText())
        .isEqualTo(Instant.ofEpochMilli(start - 1_800_000).toString());
    assertThat(runsOn.get(0).path("end_time").isNull()).isTrue();
    JsonNode cpu = w.path("resources").path("cpu");
    assertThat(cpu.path("demanded").path("value").asDouble()).isEqualTo(0.25);
    assertThat(cpu.path("limits").path("value").isNull()).isTrue();
    assertThat(cpu.path("used").path("avg").asDouble()).isCloseTo(0.5, within(1e-6));
    JsonNode mem = w.path("resources").path("memory");
    assertThat(mem.path("limits").path("value").asDouble()).isEqualTo(512 * MIB);
    // 30 minutes at 100 MiB and 60 at 400: 300 MiB over 90 minutes (a 1 h window would say 400)
    assertThat(mem.path("used").path("avg").asDouble()).isCloseTo(300 * MIB, within(3 * MIB));
    assertThat(mem.path("used").path("max").asDouble()).isEqualTo(400 * MIB);

    JsonNode list =
        json.readTree(get("/api/v1/sites/edge-1/workloads" + window()).body()).path("data");
    assertThat(list.path("workloads")).hasSize(1);
    assertThat(list.path("workloads").get(0).path("id").asText())
        .isEqualTo("workload/default/deployment/web");
  }

  @Test
  void defaultsToTheLastHour() throws Exception {
    HttpResponse<String> r = get("/api/v1/sites/edge-1/nodes");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json.readTree(r.body()).path("data").path("window_seconds").asDouble())
        .isEqualTo(3600);
  }

  @Test
  void unknownNamesAre404AndBadTimes400() throws Exception {
    assertError(get("/api/v1/sites/edge-9/nodes"), 404, "not_found", "unknown site \"edge-9\"");
    assertError(get("/api/v1/sites/edge-1/nodes/node-z" + window()), 404, "not_found", "node-z");
    assertError(
        get("/api/v1/sites/edge-1/workloads/default/nope" + window()), 404, "not_found", "nope");
    // the workload did not exist a day earlier
    assertError(
        get(
            "/api/v1/sites/edge-1/workloads/default/web?start="
                + (start / 1000 - 86400)
                + "&end="
                + (start / 1000 - 80000)),
        404,
        "not_found",
        "did not exist");
    assertError(
        get("/api/v1/sites/edge-1/nodes?start=" + end / 1000 + "&end=" + start / 1000),
        400,
        "bad_data",
        "end timestamp must not be before");
    assertError(
        get("/api/v1/sites/edge-1/nodes?start=" + (end / 1000 - 8 * 86400) + "&end=" + end / 1000),
        400,
        "bad_data",
        "longer than the maximum of 604800s");
    assertError(
        get("/api/v1/sites/edge-1/nodes?start=yesterday"),
        400,
        "bad_data",
        "invalid parameter \"start\": cannot parse \"yesterday\" to a valid timestamp");
  }

  private void assertError(HttpResponse<String> r, int status, String type, String message)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = json.readTree(r.body());
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("errorType").asText()).isEqualTo(type);
    assertThat(body.path("error").asText()).contains(message);
  }
}
