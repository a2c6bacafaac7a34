package io.moraine.graph.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.graph.render.Fixtures;
import io.moraine.graph.render.MoraineRenderer;
import io.moraine.graph.render.RenderOptions;
import io.moraine.graph.shapes.Shapes;
import io.moraine.graph.shapes.Shapes.Violation;
import io.moraine.graph.store.MemGraphStore;
import io.moraine.graph.usage.UsageSource;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ModelChange;
import io.moraine.testkit.time.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window summaries {@link UsageSummaries} writes, with the real renderer over every render
 * fixture, conform to the standard shapes together with the state graphs they hang from; and the
 * {@code glc:AggregatedMeasurement} shape catches each way a summary can be broken.
 */
class UsageSummariesShapesTest {
  static final MoraineRenderer RENDERER = new MoraineRenderer(RenderOptions.defaults("edge-1"));
  static final ClusterState STATE = Fixtures.state();
  static final Node AVG =
      NodeFactory.createURI(
          "https://moraine.local/site/edge-1/workload/default/deployment/web/usage/cpu/avg");
  static final Node WEB =
      NodeFactory.createURI("https://moraine.local/site/edge-1/workload/default/deployment/web");

  /** Every expression has one sample; its value depends on the text only (so it is stable). */
  static final UsageSource SOURCE =
      (promql, at) -> List.of(new UsageSource.Sample(Map.of(), (promql.hashCode() & 0xffff) / 8.0));

  /** The state graphs of every fixture and the site, and every summary of one refresh. */
  static Graph summarised() {
    try (MemGraphStore store = new MemGraphStore();
        UsageSummaries summaries =
            new UsageSummaries(
                RENDERER,
                store,
                SOURCE,
                new MetricRegistry(),
                UsageSummariesOptions.DEFAULT.withClock(
                    new ManualClock(Fixtures.at(600).toEpochMilli())))) {
      summaries.onChange(new ModelChange.Resynced(STATE), STATE);
      assertThat(summaries.refresh()).isPositive();
      Graph all = GraphFactory.createDefaultGraph();
      store.read(d -> d.find().forEachRemaining(q -> all.add(q.asTriple())));
      for (List<Record> objects : Fixtures.all().values()) {
        for (Record o : objects) {
          RENDERER.render(o, STATE).values().forEach(g -> g.find().forEachRemaining(all::add));
        }
      }
      RENDERER.renderSite(STATE).values().forEach(g -> g.find().forEachRemaining(all::add));
      return all;
    }
  }

  @Test
  void summariesConformToTheShapes() {
    Graph g = summarised();
    long measurements =
        g.find(Node.ANY, Vocab.RDF_TYPE, Vocab.AGGREGATED_MEASUREMENT).toList().size();
    assertThat(measurements).as("summaries written").isGreaterThanOrEqualTo(3 * 6);
    assertThat(g.contains(WEB, Vocab.HAS_TASK_REALIZED_MEASUREMENT, AVG)).isTrue();
    assertThat(Shapes.standard().validate(g)).isEmpty();
  }

  static Stream<Arguments> breaks() {
    return Stream.of(
        broken("no value", (g, s) -> drop(g, s, Vocab.HAS_VALUE)),
        broken(
            "a decimal value",
            (g, s) -> {
              drop(g, s, Vocab.HAS_VALUE);
              g.add(s, Vocab.HAS_VALUE, NodeFactory.createLiteralDT("1.5", XSDDatatype.XSDdecimal));
            }),
        broken("no unit", (g, s) -> drop(g, s, Vocab.MEASURED_IN)),
        broken(
            "an unknown function",
            (g, s) -> {
              drop(g, s, Vocab.HAS_AGGREGATED_FUNCTION);
              g.add(s, Vocab.HAS_AGGREGATED_FUNCTION, NodeFactory.createLiteralString("median"));
            }),
        broken(
            "a window ending before it starts",
            (g, s) -> {
              drop(g, s, Vocab.ENDING_INTERVAL);
              g.add(s, Vocab.ENDING_INTERVAL, Vocab.dateTime(Fixtures.at(-3600)));
            }),
        broken("no step", (g, s) -> drop(g, s, Vocab.TIME_STEP_RESOLUTION)),
        broken("no provenance", (g, s) -> drop(g, s, Vocab.PROMQL)),
        broken(
            "no entity linking to it",
            (g, s) -> g.delete(WEB, Vocab.HAS_TASK_REALIZED_MEASUREMENT, s)),
        broken(
            "two entities linking to it",
            (g, s) ->
                g.add(
                    NodeFactory.createURI("https://moraine.local/site/edge-1/node/node-a"),
                    Vocab.HAS_RESOURCE_MEASUREMENT,
                    s)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breaks")
  void aBrokenSummaryGetsItsViolation(String how, BiConsumer<Graph, Node> breakIt) {
    Graph g = summarised();
    breakIt.accept(g, AVG);
    List<Violation> v = Shapes.standard().validate(g);
    assertThat(v).as(how).isNotEmpty();
    assertThat(v).as(how).allMatch(x -> x.focusNode().equals("<" + AVG.getURI() + ">"));
  }

  private static Arguments broken(String how, BiConsumer<Graph, Node> breakIt) {
    return Arguments.of(how, breakIt);
  }

  private static void drop(Graph g, Node s, Node p) {
    List<Triple> old = g.find(s, p, Node.ANY).toList();
    assertThat(old).as("%s has %s", s, p).isNotEmpty();
    old.forEach(g::delete);
  }
}
