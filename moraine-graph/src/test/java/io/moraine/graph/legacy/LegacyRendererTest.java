package io.moraine.graph.legacy;

import static io.moraine.graph.legacy.LegacyFixtures.*;
import static io.moraine.graph.legacy.LegacyMeasurement.Scope.NODE;
import static io.moraine.graph.legacy.LegacyMeasurement.Scope.POD;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

class LegacyRendererTest {
  private final LegacyRenderer renderer = new LegacyRenderer(LegacyOptions.DEFAULT);

  static ClusterState nodeCluster() {
    return state(
        new SiteInfo("glaciation-test", "kubeadm-config", "https://10.14.1.160:6443"),
        List.of(
            node(
                "worker01",
                res(
                    "cpu", 4,
                    "memory", 16673947648L,
                    "ephemeral-storage", 47266578354L,
                    "nvidia.com/gpu", 1,
                    "pods", 110),
                Map.of(NodePart.ENERGY_INDEX_ANNOTATION, "1001"),
                "True",
                t("2024-02-23T06:11:02Z"),
                null)),
        List.of(),
        List.of());
  }

  static ClusterState deploymentCluster() {
    ObjectRef deployment = ref("Deployment", "shop", "web");
    ObjectRef rs = ref("ReplicaSet", "shop", "web-5d8f");
    WorkloadInfo d =
        workload(
            "Deployment",
            "shop",
            "web",
            null,
            res("cpu", 0.25, "memory", 268435456),
            res("memory", 536870912),
            Map.of(
                "glaciation-project.eu/energy-allocated", "100",
                "glaciation-project.eu/network-capacity", "1010",
                "unrelated/annotation", "7"));
    WorkloadInfo r =
        workload(
            "ReplicaSet",
            "shop",
            "web-5d8f",
            deployment,
            res("cpu", 0.25, "memory", 268435456),
            res("memory", 536870912),
            Map.of());
    PodInfo p =
        pod(
            "shop",
            "web-5d8f-abcde",
            rs,
            "worker01",
            "Running",
            List.of(
                container(
                    "init-db",
                    true,
                    "containerd://aaa",
                    "terminated",
                    t("2024-05-01T10:00:01Z"),
                    t("2024-05-01T10:00:03Z"))),
            List.of(
                container(
                    "app", false, "containerd://bbb", "running", t("2024-05-01T10:00:04Z"), null),
                container("sidecar", false, "", "waiting", null, null)),
            t("2024-05-01T10:00:00Z"),
            null,
            null);
    return state(new SiteInfo("kubernetes", "config", ""), List.of(), List.of(d, r), List.of(p));
  }

  static ClusterState jobCluster() {
    ObjectRef cron = ref("CronJob", "batch", "report");
    ObjectRef job = ref("Job", "batch", "report-28804680");
    WorkloadInfo c = workload("CronJob", "batch", "report", null, res(), res(), Map.of());
    WorkloadInfo j =
        workload(
            "Job",
            "batch",
            "report-28804680",
            cron,
            res("cpu", 1, "memory", 1073741824),
            res("cpu", 2),
            Map.of());
    PodInfo p =
        pod(
            "batch",
            "report-28804680-v5rk9",
            job,
            "worker02",
            "Succeeded",
            List.of(),
            List.of(
                container(
                    "report",
                    false,
                    "containerd://ddd",
                    "terminated",
                    t("2024-10-07T06:00:01Z"),
                    t("2024-10-07T06:30:05Z"))),
            t("2024-10-07T06:00:00Z"),
            t("2024-10-07T06:30:05Z"),
            null);
    return state(new SiteInfo("kubernetes", "config", ""), List.of(), List.of(c, j), List.of(p));
  }

  private static void assertGolden(Graph actual, String golden) {
    Graph expected = golden(golden);
    assertThat(missing(expected, actual)).as("triples the render lacks").isEmpty();
    assertThat(missing(actual, expected)).as("triples the golden lacks").isEmpty();
    assertThat(actual.isIsomorphicWith(expected)).isTrue();
  }

  @Test
  void nodeWithSubResourcesCapacityEnergyIndexAndMeasurements() throws Exception {
    CannedUsage usage =
        new CannedUsage()
            .answer(
                promql(NODE, "Energy.Usage"),
                sample("worker01", 42.5),
                sample("gone-node", 7)) // not in the snapshot: dropped
            .answer(
                promql(NODE, "CPU.Available"),
                sample("worker01", 3.25),
                new io.moraine.graph.usage.UsageSource.Sample(Map.of(), 1)); // no resource
    LegacyMeasurements.Result values = LegacyMeasurements.collect(usage, LegacyOptions.DEFAULT, AT);
    assertThat(values.skippedSamples()).isEqualTo(1);
    assertThat(values.failedQueries()).isZero();

    assertGolden(renderer.render(nodeCluster(), values.measurements(), AT), "node.ttl");
  }

  @Test
  void deploymentReplicaSetAndPodWithContainers() {
    CannedUsage usage =
        new CannedUsage()
            .answer(promql(POD, "CPU.Usage"), sample("shop.web-5d8f-abcde", 0.125))
            .answer(promql(POD, "RAM.Usage"), sample("shop.web-5d8f-abcde", 104857600));
    LegacyMeasurements.Result values = LegacyMeasurements.collect(usage, LegacyOptions.DEFAULT, AT);

    assertGolden(renderer.render(deploymentCluster(), values.measurements(), AT), "deployment.ttl");
  }

  @Test
  void jobOwnedByCronJobWithItsFinishedPod() {
    CannedUsage usage =
        new CannedUsage()
            .answer(promql(POD, "CPU.Usage"), sample("batch.report-28804680-v5rk9", 0.5));
    LegacyMeasurements.Result values = LegacyMeasurements.collect(usage, LegacyOptions.DEFAULT, AT);
    assertThat(values.measurements()).hasSize(1);

    assertGolden(renderer.render(jobCluster(), values.measurements(), AT), "job.ttl");
  }

  @Test
  void renderingIsDeterministic() {
    Graph a = renderer.render(deploymentCluster(), List.of(), AT);
    Graph b = renderer.render(deploymentCluster(), List.of(), AT);
    assertThat(a.isIsomorphicWith(b)).isTrue();
    assertThat(a.size()).isEqualTo(b.size()).isGreaterThan(50);
  }

  @Test
  void aDepartedRunningPodIsReportedOnceAsSucceededWithItsEnd() {
    PodInfo live = deploymentCluster().pods().values().iterator().next();
    ClusterState without =
        state(new SiteInfo("kubernetes", "config", ""), List.of(), List.of(), List.of());
    Graph g = renderer.render(without, List.of(live), List.of(), AT);

    Node status = uri("https://kubernetes.local/#shop.web-5d8f-abcde.Status");
    assertThat(g.contains(status, LegacyVocabulary.HAS_DESCRIPTION, lit("Succeeded"))).isTrue();
    assertThat(
            g.contains(
                status,
                LegacyVocabulary.END_TIME,
                LegacyGraphBuilder.dateTime(java.time.Instant.ofEpochMilli(AT))))
        .isTrue();
    Node app = uri("https://kubernetes.local/#shop.web-5d8f-abcde.app.Status");
    assertThat(g.contains(app, LegacyVocabulary.HAS_DESCRIPTION, lit("terminated"))).isTrue();
  }

  @Test
  void clusterNamespaceComesFromOptionsThenApiServerThenDefault() {
    SiteInfo site = new SiteInfo("s", "api-server", "https://10.0.0.5:6443/");
    assertThat(renderer.clusterNamespace(site)).isEqualTo("https://10.0.0.5:6443/#");
    assertThat(renderer.clusterNamespace(new SiteInfo("s", "config", "")))
        .isEqualTo("https://kubernetes.local/#");
    assertThat(
            new LegacyRenderer(LegacyOptions.DEFAULT.withClusterNamespace("https://k8s.example/#"))
                .clusterNamespace(site))
        .isEqualTo("https://k8s.example/#");
  }

  @Test
  void quantitiesInAnnotationsAreParsed() {
    assertThat(Quantity.parse("1010")).isEqualTo(1010);
    assertThat(Quantity.parse("1.5k")).isEqualTo(1500);
    assertThat(Quantity.parse("512Mi")).isEqualTo(512.0 * 1024 * 1024);
    assertThat(Quantity.parse("250m")).isEqualTo(0.25);
    assertThat(Quantity.parse("lots")).isNaN();
  }

  private static Node uri(String s) {
    return NodeFactory.createURI(s);
  }

  private static Node lit(String s) {
    return NodeFactory.createLiteralString(s);
  }
}
