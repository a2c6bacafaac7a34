package io.moraine.graph.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.graph.render.GraphRenderer.Telemetry;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;

class QueriesTest {
  private static final MoraineRenderer R = MoraineRendererGoldenTest.RENDERER;

  private static boolean matches(String kind, String name, String pod) {
    return Pattern.matches(Queries.podPattern(Fixtures.ref(kind, "default", name)), pod);
  }

  @Test
  void podPatternsMatchTheControllersPodNamesAndNoOthers() {
    assertThat(matches("Deployment", "web", "web-6d4cf56db6-abcde")).isTrue();
    assertThat(matches("Deployment", "web", "web-abcde")).isFalse();
    assertThat(matches("Deployment", "web", "webapp-6d4cf56db6-abcde")).isFalse();
    assertThat(matches("ReplicaSet", "web-6d4cf56db6", "web-6d4cf56db6-abcde")).isTrue();
    assertThat(matches("StatefulSet", "db", "db-12")).isTrue();
    assertThat(matches("StatefulSet", "db", "db-x7k2p")).isFalse();
    assertThat(matches("DaemonSet", "agent", "agent-x7k2p")).isTrue();
    assertThat(matches("Job", "batch", "batch-q8w2z")).isTrue();
    assertThat(matches("Job", "batch", "batch-3-q8w2z")).isTrue();
    assertThat(matches("CronJob", "nightly", "nightly-28911520-h5k8d")).isTrue();
    assertThat(matches("CronJob", "nightly", "nightly-h5k8d")).isFalse();
    // a dot in a name is literal, not any character
    assertThat(matches("DaemonSet", "a.b", "axb-x7k2p")).isFalse();
    assertThat(matches("DaemonSet", "a.b", "a.b-x7k2p")).isTrue();
  }

  @Test
  void workloadCpuIsTheRateOverItsPodsContainers() {
    List<Telemetry> t = R.telemetry(Fixtures.ref("Deployment", "default", "web"), Fixtures.state());
    assertThat(t)
        .extracting(Telemetry::name)
        .containsExactly("cpu", "memory", "disk", "network", "energy", "gpu");
    assertThat(t.get(0).promql())
        .isEqualTo(
            "sum(rate(container_cpu_usage_seconds_total{namespace=\"default\","
                + "pod=~\"web-[a-z0-9]+-[a-z0-9]+\",container!=\"\"}[5m]))");
    assertThat(t.get(0).unit()).isEqualTo("http://qudt.org/vocab/unit/NUM");
    assertThat(t.get(4).promql())
        .contains("kepler_container_joules_total{container_namespace=\"default\",pod_name=~");
    assertThat(t.get(4).unit()).isEqualTo("http://qudt.org/vocab/unit/W");
  }

  @Test
  void nodeQueriesSelectByTheNodeLabel() {
    List<Telemetry> t = R.telemetry(Fixtures.ref("Node", "", "node-a"), Fixtures.state());
    assertThat(t.get(0).promql())
        .isEqualTo("sum(rate(node_cpu_seconds_total{node=\"node-a\",mode!=\"idle\"}[5m]))");
    assertThat(t.get(1).promql())
        .isEqualTo(
            "sum(node_memory_MemTotal_bytes{node=\"node-a\"}"
                + " - node_memory_MemAvailable_bytes{node=\"node-a\"})");
  }

  @Test
  void kindsWithoutTelemetryHaveNone() {
    assertThat(R.telemetry(Fixtures.ref("Namespace", "", "default"), Fixtures.state())).isEmpty();
    assertThat(R.graphsOf(Fixtures.ref("Namespace", "", "default"))).hasSize(1);
  }

  @Test
  void theGraphShowsTheSamePromqlAsTelemetry() {
    var ref = Fixtures.ref("StatefulSet", "data", "db");
    Record sts = Fixtures.statefulSet().get(0);
    var graphs = R.render(sts, Fixtures.state());
    Node telemetryGraph = R.graphsOf(ref).get(1);
    Graph g = java.util.Objects.requireNonNull(graphs.get(telemetryGraph));
    for (Telemetry t : R.telemetry(ref, Fixtures.state())) {
      assertThat(
              g.contains(
                  Node.ANY,
                  Vocab.Mor.PROMQL,
                  org.apache.jena.graph.NodeFactory.createLiteralString(t.promql())))
          .as(t.name())
          .isTrue();
    }
  }

  @Test
  void siteNameIsEncodedInTheBaseIri() {
    MoraineRenderer r = new MoraineRenderer(RenderOptions.defaults("edge 1/ä"));
    assertThat(r.site().getURI()).isEqualTo("https://moraine.local/site/edge%201%2F%C3%A4/site");
    assertThat(r.historyGraph().getURI())
        .isEqualTo("https://moraine.local/site/edge%201%2F%C3%A4/graph/history");
    assertThat(r.usageGraph(Fixtures.ref("Deployment", "default", "web")).getURI())
        .isEqualTo(
            "https://moraine.local/site/edge%201%2F%C3%A4/graph/usage/workload/default/deployment/web");
  }

  @Test
  void badOptionsAreRefusedWithWhatWasWrong() {
    assertThatThrownBy(() -> RenderOptions.defaults("").baseIri())
        .hasMessageContaining("site name is empty");
    assertThatThrownBy(() -> RenderOptions.defaults("s").withBaseIri("https://x/{site}"))
        .hasMessageContaining("must end in / or #");
    assertThatThrownBy(() -> RenderOptions.defaults("s").withDashboards("https://g/", "x{expr}"))
        .hasMessageContaining("{expr}");
    assertThatThrownBy(() -> R.entity(Fixtures.ref("Service", "default", "web")))
        .hasMessageContaining("no graph for kind Service");
  }

  @Test
  void numbersKeepTheirShortestDecimalForm() {
    assertThat(Emit.decimal(0.1).getLiteralLexicalForm()).isEqualTo("0.1");
    assertThat(Emit.decimal(0.1 + 0.2).getLiteralLexicalForm()).isEqualTo("0.3");
    assertThat(Emit.decimal(4.0).getLiteralLexicalForm()).isEqualTo("4");
    assertThat(Emit.decimal(1.0 / 3).getLiteralLexicalForm()).isEqualTo("0.333333333333333");
    assertThat(Emit.decimal(25e9).getLiteralLexicalForm()).isEqualTo("25000000000");
  }
}
