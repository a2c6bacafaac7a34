package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.moraine.graph.sync.GraphSync;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server watching fabric8's CRUD mock API server: workloads reach the knowledge graph as deltas
 * with their telemetry links, deletions and a sub-second Job are recorded, kube-state metrics
 * answer PromQL, and a restart over the same data directory re-syncs to the same graph.
 */
class KubernetesGraphEndToEndTest {
  private static final String NS = "default";
  private static final String BASE = "https://moraine.local/site/edge-1/";
  private static final String GLC = "https://glaciation-project.eu/MetadataReferenceModel#";
  private static final String K8S =
      "https://glaciation-project.eu/MetadataReferenceModel/kubernetes#";
  private static final String MOR = "https://moraine.dev/ns#";
  private static final Duration SOON = Duration.ofSeconds(15);

  /** Kept: JUL holds loggers weakly. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  @TempDir Path data;
  private KubernetesMockServer api;
  private KubernetesClient kube;
  private Path config;
  private @Nullable TestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    api.init();
    kube = api.createClient();
    config = data.resolve("moraine.yml");
    Files.writeString(
        config,
        """
        kubernetes:
          api_server: %s
          site: edge-1
          kube_state_metrics:
            interval: 500ms
        graph:
          summary_interval: 1s
          summary_window: 10s
        """
            .formatted(api.url("/")));
    server = startServer();
  }

  private TestServer startServer() throws Exception {
    return TestServer.start("--data=" + data, "--config=" + config);
  }

  @AfterEach
  void stop() throws Exception {
    TestServer s = server;
    if (s != null) {
      s.close();
    }
    http.close();
    kube.close();
    api.destroy();
  }

  @Test
  void workloadsReachTheGraphAndKubeStateMetricsThePromqlApi() throws Exception {
    kube.nodes().resource(node("n1")).create();
    kube.nodes().resource(node("n2")).create();
    Deployment d = kube.apps().deployments().inNamespace(NS).resource(deployment("web")).create();
    ReplicaSet rs =
        kube.apps().replicaSets().inNamespace(NS).resource(replicaSet("web-7f", d)).create();
    Pod p = kube.pods().inNamespace(NS).resource(runningPod("web-7f-a", rs, "n1")).create();

    String web = BASE + "workload/default/deployment/web";
    await()
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(turtle("/subgraph/workload/default/deployment/web"))
                    .contains(K8S + "DeploymentWorkload")
                    .contains(GLC + "startTime"));
    // the telemetry links: a metrics dataset with PromQL per metric, a logs dataset with LogQL
    String telemetry =
        sparql(
            "SELECT ?promql ?logql WHERE { GRAPH ?s { <%s> <%stelemetry> ?t } GRAPH ?g { ?t <%smetrics> ?m ; <%slogs> ?l . ?m <%smetric> ?x . ?x <%spromql> ?promql . ?l <%slogql> ?logql } }"
                .formatted(web, MOR, MOR, MOR, MOR, MOR, MOR));
    assertThat(telemetry).contains("namespace=\\\"default\\\"").contains("\"promql\"");
    assertThat(countBindings(telemetry)).isGreaterThanOrEqualTo(3);

    // kube-state metrics through the same store the PromQL API reads
    await()
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(
                        get("/api/v1/query?query=" + q("count(count by (node) (kube_node_info))")))
                    .contains("\"value\":[")
                    .contains(",\"2\"]"));

    // deleting the Deployment stops it: its status gets an end time
    kube.apps().deployments().inNamespace(NS).withName("web").delete();
    await()
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(
                        sparql(
                            "ASK { GRAPH <%sgraph/workload/default/deployment/web> { <%s/status> <%sendTime> ?t } }"
                                .formatted(BASE, web, GLC)))
                    .contains("true"));

    // a Job whose pod ran for under a second and was deleted at once is still in the history
    Job job = kube.batch().v1().jobs().inNamespace(NS).resource(job("once")).create();
    kube.pods().inNamespace(NS).resource(succeededPod("once-x", job)).create();
    kube.pods().inNamespace(NS).withName("once-x").delete();
    String jobIri = BASE + "workload/default/job/once";
    await()
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(turtle("/subgraph/history"))
                    .contains(jobIri + "/event/created/")
                    .contains(jobIri + "/event/started/")
                    .contains(BASE + "pod/default/once-x/event/stopped/"));
    assertThat(p.getMetadata().getUid()).isNotEmpty();
  }

  /**
   * A restart re-syncs over the same TDB2 store to the same graph. (It once lost the node's decimal
   * capacities: TDB2 gives numbers back in their canonical form, and the diff compared terms.)
   */
  @Test
  void restartOverTheSameDataResyncsToTheSameGraph() throws Exception {
    kube.nodes().resource(node("n1")).create();
    Deployment d = kube.apps().deployments().inNamespace(NS).resource(deployment("web")).create();
    ReplicaSet rs =
        kube.apps().replicaSets().inNamespace(NS).resource(replicaSet("web-7f", d)).create();
    kube.pods().inNamespace(NS).resource(runningPod("web-7f-a", rs, "n1")).create();
    await()
        .atMost(SOON)
        .untilAsserted(
            () -> assertThat(turtle("/subgraph/pod/default/web-7f-a")).contains("web-7f-a"));
    List<String> paths =
        List.of(
            "/subgraph/node/n1",
            "/subgraph/pod/default/web-7f-a",
            "/subgraph/workload/default/replicaset/web-7f",
            "/subgraph/workload/default/deployment/web",
            "/subgraph/site");
    idle(Objects.requireNonNull(server));
    Map<String, Graph> before = graphs(paths);
    Objects.requireNonNull(server).close();
    server = null;
    TestServer restarted = startServer();
    server = restarted;
    await()
        .atMost(SOON)
        .until(() -> restarted.runtime().kubernetes() != null && sync(restarted) != null);
    idle(restarted);
    Map<String, Graph> after = graphs(paths);
    for (String path : paths) {
      // the site's URL is the server's listen address, a new free port after the restart
      Graph a = withoutUrl(Objects.requireNonNull(after.get(path)));
      Graph b = withoutUrl(Objects.requireNonNull(before.get(path)));
      assertThat(a.isIsomorphicWith(b))
          .as("%s after restart, added %s, lost %s", path, minus(a, b), minus(b, a))
          .isTrue();
    }
  }

  private static Graph withoutUrl(Graph g) {
    Graph out = org.apache.jena.graph.GraphMemFactory.createDefaultGraph();
    g.find()
        .filterDrop(t -> t.getPredicate().getURI().equals("https://moraine.dev/ns#url"))
        .forEach(out::add);
    return out;
  }

  /** The triples of {@code a} that {@code b} lacks (no blank nodes in these graphs). */
  private static List<String> minus(Graph a, Graph b) {
    return a.find().toList().stream().filter(t -> !b.contains(t)).map(Object::toString).toList();
  }

  private static @Nullable GraphSync sync(TestServer s) {
    KubeRuntime k = Objects.requireNonNull(s.runtime().kubernetes());
    GraphExport e = k.graphExport();
    return e == null ? null : e.sync();
  }

  private void idle(TestServer s) throws Exception {
    await().atMost(SOON).until(() -> sync(s) != null);
    Thread.sleep(500); // changes still in the watcher's dispatch reach the sync
    assertThat(Objects.requireNonNull(sync(s)).awaitIdle(SOON)).isTrue();
  }

  private Map<String, Graph> graphs(List<String> paths) throws Exception {
    Map<String, Graph> out = new LinkedHashMap<>();
    for (String path : paths) {
      Graph g = GraphFactory.createDefaultGraph();
      RDFParser.source(new ByteArrayInputStream(turtle(path).getBytes(StandardCharsets.UTF_8)))
          .lang(Lang.TURTLE)
          .parse(g);
      assertThat(g.size()).as(path).isPositive();
      out.put(path, g);
    }
    return out;
  }

  private String get(String path) throws Exception {
    return get(path, "*/*");
  }

  private String get(String path, String accept) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(Objects.requireNonNull(server).url() + path))
                .header("Accept", accept)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }

  private String turtle(String path) throws Exception {
    return get(path, "text/turtle");
  }

  private String sparql(String query) throws Exception {
    return get("/sparql?query=" + q(query), "application/sparql-results+json");
  }

  private static int countBindings(String json) {
    return json.split("\"promql\" *:").length - 1;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static io.fabric8.kubernetes.api.model.Node node(String name) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .addToCapacity("cpu", new Quantity("4"))
        .addToAllocatable("cpu", new Quantity("4"))
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .withNewNodeInfo()
        .withArchitecture("amd64")
        .withKernelVersion("6.1.0")
        .withOperatingSystem("linux")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static PodSpec spec() {
    return new PodSpecBuilder()
        .addToContainers(
            new ContainerBuilder()
                .withName("app")
                .withImage("web:1")
                .withNewResources()
                .addToRequests("cpu", new Quantity("250m"))
                .addToLimits("cpu", new Quantity("500m"))
                .endResources()
                .build())
        .build();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withTemplate(
            new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withSpec(spec())
                .build())
        .endSpec()
        .build();
  }

  private static ReplicaSet replicaSet(String name, HasMetadata owner) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .withOwnerReferences(owner(owner))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .endSpec()
        .build();
  }

  private static Job job(String name) {
    return new JobBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withSpec(spec())
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Pod runningPod(String name, HasMetadata owner, String nodeName) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .withOwnerReferences(owner(owner))
        .endMetadata()
        .withSpec(new PodSpecBuilder(spec()).withNodeName(nodeName).build())
        .withNewStatus()
        .withPhase("Running")
        .withStartTime("2026-01-01T10:00:00Z")
        .addNewContainerStatus()
        .withName("app")
        .withReady(true)
        .withNewState()
        .withNewRunning("2026-01-01T10:00:01Z")
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  /** Already Succeeded when created: the container ran 400 ms. */
  private static Pod succeededPod(String name, HasMetadata owner) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .withOwnerReferences(owner(owner))
        .endMetadata()
        .withSpec(spec())
        .withNewStatus()
        .withPhase("Succeeded")
        .withStartTime("2026-01-01T11:00:00Z")
        .addNewContainerStatus()
        .withName("app")
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withReason("Completed")
        .withStartedAt("2026-01-01T11:00:00.100Z")
        .withFinishedAt("2026-01-01T11:00:00.500Z")
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.OwnerReference owner(HasMetadata o) {
    return new OwnerReferenceBuilder()
        .withApiVersion(o.getApiVersion())
        .withKind(o.getKind())
        .withName(o.getMetadata().getName())
        .withUid(o.getMetadata().getUid())
        .withController(true)
        .build();
  }
}
