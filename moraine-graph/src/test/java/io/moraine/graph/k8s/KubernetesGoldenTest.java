package io.moraine.graph.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.moraine.graph.render.Golden;
import io.moraine.graph.render.MoraineRenderer;
import io.moraine.graph.render.RenderOptions;
import io.moraine.graph.shapes.Shapes;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fabric8 Kubernetes objects in (YAML manifests of every watched kind), the graph out: each case's
 * objects are converted by the watcher's own code ({@code ModelOf}), rendered by {@link
 * MoraineRenderer} and compared with {@code <case>.trig} by graph isomorphism. Update the goldens
 * with {@code -Dmoraine.golden.update=true}, then read the diff.
 */
class KubernetesGoldenTest {
  static final Path DIR = Path.of("src/test/resources/io/moraine/graph/k8s");
  static final MoraineRenderer RENDERER = new MoraineRenderer(RenderOptions.defaults("edge-1"));
  static final Map<String, List<HasMetadata>> MANIFESTS = Manifests.all();
  static final ClusterState STATE = Manifests.state(MANIFESTS);
  static final String BASE = "https://moraine.local/site/edge-1/";
  static final String MOR = "https://moraine.dev/ns#";

  static Stream<String> cases() {
    return Manifests.CASES.stream();
  }

  static DatasetGraph rendered(String name) {
    DatasetGraph d = DatasetGraphFactory.create();
    Golden.prefixes(d);
    for (HasMetadata o : MANIFESTS.get(name)) {
      Golden.add(d, RENDERER.render(Manifests.recordOf(o, STATE), STATE));
    }
    return d;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendersAsTheGoldenFile(String name) {
    assertThat(Golden.compare(KubernetesGoldenTest.class, DIR, name, rendered(name)))
        .as(name)
        .isEmpty();
  }

  @Test
  void siteRendersAsTheGoldenFile() {
    DatasetGraph d = DatasetGraphFactory.create();
    Golden.prefixes(d);
    Golden.add(d, RENDERER.renderSite(STATE));
    assertThat(Golden.compare(KubernetesGoldenTest.class, DIR, "site", d)).isEmpty();
  }

  @Test
  void theManifestsCoverEveryWatchedKindAndNothingIsDropped() {
    Set<String> kinds = new TreeSet<>();
    int objects = 0;
    for (List<HasMetadata> list : MANIFESTS.values()) {
      for (HasMetadata o : list) {
        kinds.add(o.getKind());
        objects++;
      }
    }
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            "Node",
            "Namespace",
            "PersistentVolumeClaim",
            "Deployment",
            "ReplicaSet",
            "StatefulSet",
            "DaemonSet",
            "Job",
            "CronJob",
            "Pod");
    int modelled =
        STATE.nodes().size()
            + STATE.namespaces().size()
            + STATE.pvcs().size()
            + STATE.workloads().size()
            + STATE.pods().size();
    assertThat(modelled).isEqualTo(objects);
  }

  @Test
  void ownerChainsAreResolvedToTheTopWorkload() {
    assertThat(workloadOf("shop", "web-6d4cf56db6-abcde")).isEqualTo("Deployment/shop/web");
    assertThat(workloadOf("shop", "report-28971120-7m2xq")).isEqualTo("CronJob/shop/report");
    assertThat(workloadOf("shop", "train-q8v4n")).isEqualTo("Job/shop/train");
    assertThat(workloadOf("kube-system", "node-agent-x7k2p"))
        .isEqualTo("DaemonSet/kube-system/node-agent");
    assertThat(STATE.pods().get("Pod/shop/debug").workload()).isNull();
    WorkloadInfo rs = STATE.workloads().get("ReplicaSet/shop/web-6d4cf56db6");
    assertThat(rs.owner()).isNotNull();

    Graph pod = rendered("deployment").getGraph(iri("graph/pod/shop/web-6d4cf56db6-abcde"));
    assertThat(
            pod.contains(
                iri("pod/shop/web-6d4cf56db6-abcde"),
                NodeFactory.createURI(MOR + "workload"),
                iri("workload/shop/deployment/web")))
        .isTrue();
  }

  @Test
  void everyRenderedGraphConformsToTheStandardShapes() {
    DatasetGraph all = DatasetGraphFactory.create();
    for (String name : Manifests.CASES) {
      rendered(name).find().forEachRemaining(all::add);
    }
    Golden.add(all, RENDERER.renderSite(STATE));
    assertThat(Shapes.standard().validate(Golden.union(all))).isEmpty();
  }

  private static String workloadOf(String ns, String pod) {
    PodInfo p = STATE.pods().get("Pod/" + ns + "/" + pod);
    assertThat(p).as(pod).isNotNull();
    assertThat(p.workload()).as(pod + " workload").isNotNull();
    return p.workload().key();
  }

  private static Node iri(String path) {
    return NodeFactory.createURI(BASE + path);
  }
}
