package io.moraine.graph.sites;

import static io.moraine.graph.render.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.graph.render.Fixtures;
import io.moraine.graph.render.IriSegments;
import io.moraine.graph.render.MoraineRenderer;
import io.moraine.graph.render.RenderOptions;
import io.moraine.graph.store.StoreOptions;
import io.moraine.graph.store.Tdb2GraphStore;
import io.moraine.kube.model.ClusterState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site view over a TDB2 store filled by the renderer from every fixture. */
class SiteViewTest {
  private static final double MI = 1024 * 1024;
  private static final String BASE = "https://moraine.local/site/edge-1/";
  private static final String NODE_A_CPU =
      "sum(rate(node_cpu_seconds_total{node=\"node-a\",mode!=\"idle\"}[5m]))";
  private static final String WEB_CPU =
      "sum(rate(container_cpu_usage_seconds_total{namespace=\"default\","
          + "pod=~\"web-[a-z0-9]+-[a-z0-9]+\",container!=\"\"}[5m]))";
  private static final String BATCH_GPU =
      "sum(DCGM_FI_DEV_GPU_UTIL{namespace=\"default\",pod=~\"batch-([0-9]+-)?[a-z0-9]+\"})";

  /** 90 minutes from the fixtures' T0. */
  private static final Window NINETY = new Window(at(0), at(90 * 60));

  @TempDir Path dir;
  private Tdb2GraphStore store;
  private final KeyedUsage usage = new KeyedUsage();
  private SiteView view;

  @BeforeEach
  void fill() {
    store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT);
    MoraineRenderer renderer = new MoraineRenderer(RenderOptions.defaults("edge-1"));
    ClusterState state = Fixtures.state();
    for (List<Record> objects : Fixtures.all().values()) {
      for (Record r : objects) {
        put(renderer.render(r, state));
      }
    }
    put(renderer.renderSite(state));
    view = new SiteView(store, usage, SiteViewOptions.defaults("edge-1", BASE));
  }

  private void put(Map<Node, Graph> graphs) {
    graphs.forEach((name, g) -> store.put(name, g, null));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static String avg(String q, String range) {
    return "avg_over_time((" + q + ")[" + range + "])";
  }

  private static String max(String q, String range) {
    return "max_over_time((" + q + ")[" + range + "])";
  }

  @Test
  void nodesCarryCapacityAllocatableUsageAndPlatformWithUnits() {
    usage.put(avg(NODE_A_CPU, "5400s:21600ms"), 1.25).put(max(NODE_A_CPU, "5400s:21600ms"), 3.5);
    Answer<List<NodeReport>> a = view.nodes(NINETY);
    assertThat(a.warnings()).isEmpty();
    assertThat(a.value()).extracting(NodeReport::name).containsExactly("node-a", "node-gpu");

    NodeReport nodeA = a.value().getFirst();
    assertThat(nodeA.id()).isEqualTo("node/node-a");
    assertThat(nodeA.iri()).isEqualTo(BASE + "node/node-a");
    assertThat(nodeA.architecture()).isEqualTo("amd64");
    assertThat(nodeA.kernel()).isEqualTo("6.8.0-45-generic");
    assertThat(nodeA.operatingSystem()).isEqualTo("linux");
    assertThat(nodeA.osImage()).isEqualTo("Ubuntu 24.04.1 LTS");
    assertThat(nodeA.ready()).isTrue();
    assertThat(nodeA.conditions()).containsEntry("MemoryPressure", "False");
    assertThat(nodeA.status()).isEqualTo("Ready");
    assertThat(nodeA.created()).isEqualTo(at(-86400));
    assertThat(nodeA.end()).isNull();

    NodeReport.Figures cpu = nodeA.resource(Resource.CPU);
    assertThat(cpu.capacity()).isEqualTo(new Amount(4.0, Unit.CORES));
    assertThat(cpu.allocatable()).isEqualTo(new Amount(3.9, Unit.CORES));
    assertThat(cpu.used().avg()).isEqualTo(1.25);
    assertThat(cpu.used().max()).isEqualTo(3.5);
    assertThat(cpu.used().unit()).isEqualTo(Unit.CORES);
    assertThat(cpu.used().promql()).isEqualTo(avg(NODE_A_CPU, "5400s:21600ms"));
    NodeReport.Figures mem = nodeA.resource(Resource.MEMORY);
    assertThat(mem.capacity()).isEqualTo(new Amount(16 * 1024 * MI, Unit.BYTES));
    assertThat(mem.allocatable()).isEqualTo(new Amount(15 * 1024 * MI, Unit.BYTES));
    // no data for memory: unknown, not zero
    assertThat(mem.used().avg()).isNull();
    assertThat(mem.used().max()).isNull();
    assertThat(mem.used().unit()).isEqualTo(Unit.BYTES);
    assertThat(nodeA.resource(Resource.STORAGE).capacity().value()).isEqualTo(100e9);
    // no NIC speed known for node-a; no energy capacity anywhere
    assertThat(nodeA.resource(Resource.NETWORK).capacity())
        .isEqualTo(new Amount(null, Unit.BYTES_PER_SECOND));
    assertThat(nodeA.resource(Resource.ENERGY).capacity()).isEqualTo(new Amount(null, Unit.WATTS));
    assertThat(nodeA.resource(Resource.ENERGY).used().unit()).isEqualTo(Unit.WATTS);
    // the kubelet lists no GPU for node-a: it has none
    assertThat(nodeA.resource(Resource.GPU).capacity()).isEqualTo(new Amount(0.0, Unit.COUNT));
    assertThat(nodeA.gpuModel()).isEmpty();

    NodeReport gpu = a.value().get(1);
    assertThat(gpu.gpuModel()).isEqualTo("NVIDIA-A100-SXM4-40GB");
    assertThat(gpu.resource(Resource.GPU).capacity()).isEqualTo(new Amount(2.0, Unit.COUNT));
    assertThat(gpu.resource(Resource.GPU).used().unit()).isEqualTo(Unit.PERCENT);
    // 25 Gbit/s NIC = 3.125e9 bytes/s
    assertThat(gpu.resource(Resource.NETWORK).capacity())
        .isEqualTo(new Amount(3.125e9, Unit.BYTES_PER_SECOND));

    // two queries per node and resource, all at the window's end
    assertThat(usage.asked).hasSize(2 * 2 * Resource.values().length);
    assertThat(usage.times).containsOnly(NINETY.end());
  }

  @Test
  void theWindowIsHonouredExactly() {
    view.node("node-a", NINETY);
    assertThat(usage.asked).contains(avg(NODE_A_CPU, "5400s:21600ms"));
    usage.asked.clear();
    view.node("node-a", new Window(at(0), at(600)));
    // 600 s / 250 is under the 15 s scrape interval: the step stays 15 s
    assertThat(usage.asked).contains(max(NODE_A_CPU, "600s:15s"));
    usage.asked.clear();
    view.node("node-a", new Window(at(0), at(0).plusMillis(61_500)));
    assertThat(usage.asked).contains(avg(NODE_A_CPU, "61500ms:15s"));
    usage.asked.clear();
    view.node("node-a", new Window(at(0), at(7 * 86400)));
    // a week in 250 steps: 2419.2 s each
    assertThat(usage.asked).contains(avg(NODE_A_CPU, "604800s:2419200ms"));
  }

  @Test
  void workloadsListTopLevelOnesThatExistedDuringTheWindow() {
    assertThat(view.workloads(NINETY).value())
        .extracting(WorkloadReport::id)
        .containsExactly(
            "workload/data/statefulset/db",
            "workload/default/cronjob/nightly",
            "workload/default/deployment/old-api",
            "workload/default/deployment/web",
            "workload/default/job/batch",
            "workload/monitoring/daemonset/agent");
    // old-api stopped at +1h and batch finished at +300 s: gone from a later window
    assertThat(view.workloads(new Window(at(7200), at(10800))).value())
        .extracting(WorkloadReport::name)
        .containsExactly("db", "nightly", "web", "agent");
    // a window that ends before anything started
    assertThat(view.workloads(new Window(at(-7200), at(-3600))).value()).isEmpty();
  }

  @Test
  void aWorkloadCarriesRequestsLimitsUsageAndWhereItRan() {
    usage.put(avg(WEB_CPU, "5400s:21600ms"), 0.42).put(max(WEB_CPU, "5400s:21600ms"), 0.9);
    WorkloadReport web = view.workload("default", "web", NINETY).orElseThrow().value();
    assertThat(web.kind()).isEqualTo("Deployment");
    assertThat(web.namespace()).isEqualTo("default");
    assertThat(web.status()).isEqualTo("Running");
    assertThat(web.start()).isEqualTo(at(0));
    assertThat(web.end()).isNull();
    assertThat(web.runsOn())
        .containsExactly(new RunsOn("node-a", at(12), null), new RunsOn("node-gpu", at(12), null));
    WorkloadReport.Figures cpu = web.resource(Resource.CPU);
    // init container 0.5 vs app 0.1 + 0.2: Kubernetes counts the larger
    assertThat(cpu.demanded()).isEqualTo(new Amount(0.5, Unit.CORES));
    assertThat(cpu.limits()).isEqualTo(new Amount(null, Unit.CORES));
    assertThat(cpu.used())
        .isEqualTo(new Usage(0.42, 0.9, Unit.CORES, avg(WEB_CPU, "5400s:21600ms")));
    WorkloadReport.Figures mem = web.resource(Resource.MEMORY);
    assertThat(mem.demanded()).isEqualTo(new Amount(256 * MI, Unit.BYTES));
    assertThat(mem.limits()).isEqualTo(new Amount(512 * MI, Unit.BYTES));
    assertThat(web.resource(Resource.NETWORK).used().unit()).isEqualTo(Unit.BYTES_PER_SECOND);
    assertThat(web.resource(Resource.ENERGY).demanded()).isEqualTo(new Amount(null, Unit.WATTS));
  }

  @Test
  void aFinishedJobReportsItsGpuAndItsEnd() {
    usage.put(avg(BATCH_GPU, "5400s:21600ms"), 37.5).put(max(BATCH_GPU, "5400s:21600ms"), 100);
    WorkloadReport batch = view.workload("default", "batch", NINETY).orElseThrow().value();
    assertThat(batch.status()).isEqualTo("Succeeded");
    assertThat(batch.end()).isEqualTo(at(300));
    assertThat(batch.runsOn()).containsExactly(new RunsOn("node-gpu", at(12), at(290)));
    WorkloadReport.Figures gpu = batch.resource(Resource.GPU);
    assertThat(gpu.demanded()).isEqualTo(new Amount(1.0, Unit.COUNT));
    assertThat(gpu.limits()).isEqualTo(new Amount(1.0, Unit.COUNT));
    assertThat(gpu.used().avg()).isEqualTo(37.5);
    assertThat(gpu.used().max()).isEqualTo(100.0);
    assertThat(gpu.used().unit()).isEqualTo(Unit.PERCENT);
    // a window after the job's end does not find it
    assertThat(view.workload("default", "batch", new Window(at(301), at(900)))).isEmpty();
  }

  @Test
  void aControlledWorkloadIsFoundByNameThoughNotListed() {
    WorkloadReport rs = view.workload("default", "web-6d4cf56db6", NINETY).orElseThrow().value();
    assertThat(rs.kind()).isEqualTo("ReplicaSet");
    assertThat(rs.runsOn()).extracting(RunsOn::node).containsExactly("node-a", "node-gpu");
    WorkloadReport job = view.workload("default", "nightly-28911520", NINETY).orElseThrow().value();
    assertThat(job.kind()).isEqualTo("Job");
    assertThat(job.runsOn()).containsExactly(new RunsOn("node-a", at(12), null));
  }

  @Test
  void unknownNamesAreEmpty() {
    assertThat(view.node("node-z", NINETY)).isEmpty();
    assertThat(view.workload("default", "nope", NINETY)).isEmpty();
    assertThat(view.workload("kube-system", "web", NINETY)).isEmpty();
    // another site's base sees nothing of this one
    SiteView other =
        new SiteView(
            store, usage, SiteViewOptions.defaults("edge-2", "https://moraine.local/site/edge-2/"));
    assertThat(other.nodes(NINETY).value()).isEmpty();
    assertThat(other.workloads(NINETY).value()).isEmpty();
  }

  @Test
  void badWindowsAreRefused() {
    assertThatThrownBy(() -> new Window(at(10), at(10))).isInstanceOf(WindowException.class);
    assertThatThrownBy(() -> new Window(at(10), at(5)))
        .isInstanceOf(WindowException.class)
        .hasMessageContaining("end timestamp must not be before");
    SiteView short1 =
        new SiteView(
            store,
            usage,
            SiteViewOptions.defaults("edge-1", BASE).withMaxWindow(Duration.ofHours(1)));
    assertThatThrownBy(() -> short1.nodes(NINETY))
        .isInstanceOf(WindowException.class)
        .hasMessage("window of 5400s is longer than the maximum of 3600s");
    assertThat(short1.nodes(new Window(at(0), at(3600))).value()).hasSize(2);
  }

  @Test
  void aFailedUsageQueryIsNullWithAWarning() {
    usage
        .put(avg(NODE_A_CPU, "5400s:21600ms"), Double.NaN)
        .put(max(NODE_A_CPU, "5400s:21600ms"), 2);
    Answer<NodeReport> a = view.node("node-a", NINETY).orElseThrow();
    Usage cpu = a.value().resource(Resource.CPU).used();
    assertThat(cpu.avg()).isNull();
    assertThat(cpu.max()).isEqualTo(2.0);
    assertThat(a.warnings()).singleElement().asString().contains("query timed out", NODE_A_CPU);
  }

  @Test
  void oddNamesArePercentEncodedLikeTheRenderer() {
    assertThat(IriSegments.encode("a b/é")).isEqualTo("a%20b%2F%C3%A9");
    assertThat(IriSegments.decode("a%20b%2F%C3%A9")).isEqualTo("a b/é");
    assertThat(IriSegments.decode("100%")).isEqualTo("100%");
  }

  @Test
  void instantsAreMillisecondPrecise() {
    Window w = new Window(Instant.parse("2025-03-01T10:00:00.123456Z"), at(60));
    assertThat(w.start()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123Z"));
    assertThat(w.millis()).isEqualTo(59_877);
  }
}
