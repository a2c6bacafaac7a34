package io.moraine.graph.legacy;

import static io.moraine.graph.legacy.LegacyFixtures.*;
import static io.moraine.graph.legacy.LegacyMeasurement.Scope.POD;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

class LegacyJsonLdTest {
  private final LegacyRenderer renderer = new LegacyRenderer(LegacyOptions.DEFAULT);

  private static Graph parse(String json) {
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.fromString(json, Lang.JSONLD).parse(g);
    return g;
  }

  @Test
  void jsonLdProcessingGivesBackExactlyTheSnapshotsTriples() throws Exception {
    CannedUsage usage =
        new CannedUsage()
            .answer(promql(POD, "CPU.Usage"), sample("shop.web-5d8f-abcde", 0.125))
            .answer(promql(POD, "RAM.Usage"), sample("shop.web-5d8f-abcde", 104857600));
    Graph snapshot =
        renderer.render(
            LegacyRendererTest.deploymentCluster(),
            LegacyMeasurements.collect(usage, LegacyOptions.DEFAULT, AT).measurements(),
            AT);

    String json = LegacyJsonLd.toJsonLd(snapshot, "https://kubernetes.local/#");
    Graph back = parse(json);

    assertThat(missing(snapshot, back)).as("lost in JSON-LD").isEmpty();
    assertThat(missing(back, snapshot)).as("added by JSON-LD").isEmpty();
    assertThat(back.isIsomorphicWith(snapshot)).isTrue();
  }

  @Test
  void writesTheOriginalContextAndLayout() throws Exception {
    Graph snapshot = renderer.render(LegacyRendererTest.nodeCluster(), java.util.List.of(), AT);
    String json = LegacyJsonLd.toJsonLd(snapshot, "https://10.14.1.160:6443/#");

    assertThat(json)
        .contains("\"k8s\": \"http://glaciation-project.eu/model/k8s/#\"")
        .contains("\"glc\": \"https://glaciation-heu.github.io/models/reference_model.turtle\"")
        .contains("\"cluster\": \"https://10.14.1.160:6443/#\"")
        .contains("\"@id\": \"cluster:worker01\"")
        .contains("\"@type\": \"glc:WorkProducingResource\"")
        .contains("\"glc:hasDescription\": \"KubernetesWorkerNode\"")
        .contains("\"glc:hasValue\": 16673947648")
        .contains("\"@set\"");
    // the status is embedded in its node (deeper than the top-level objects), not at the top
    String top = "\n" + " ".repeat(12) + "\"@id\": ";
    String embedded = "\n" + " ".repeat(16) + "\"@id\": ";
    assertThat(json)
        .contains(top + "\"cluster:worker01\"")
        .contains(embedded + "\"cluster:worker01.Status\"")
        .doesNotContain(top + "\"cluster:worker01.Status\"");
    Graph back = parse(json);
    assertThat(back.isIsomorphicWith(snapshot)).isTrue();
  }
}
