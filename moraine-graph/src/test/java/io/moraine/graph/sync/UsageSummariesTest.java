package io.moraine.graph.sync;

import static io.moraine.graph.sync.FakeCluster.node;
import static io.moraine.graph.sync.FakeCluster.phase;
import static io.moraine.graph.sync.FakeCluster.pod;
import static io.moraine.graph.sync.TestRenderer.glc;
import static io.moraine.graph.sync.TestRenderer.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.graph.store.MemGraphStore;
import io.moraine.kube.model.PodInfo;
import io.moraine.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageSummariesTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final String POD_CPU =
      "sum(rate(container_cpu_usage_seconds_total{namespace=\"shop\",pod=\"web-1\"}[1m]))";
  static final String POD_MEM =
      "sum(container_memory_working_set_bytes{namespace=\"shop\",pod=\"web-1\"})";
  static final String NODE_CPU =
      "sum(rate(node_cpu_seconds_total{mode!=\"idle\",node=\"n1\"}[1m]))";

  final ManualClock clock = new ManualClock(T0.toEpochMilli());
  final TestRenderer renderer = new TestRenderer("edge-1");
  final MemGraphStore store = new MemGraphStore();
  final MapUsageSource source = new MapUsageSource();
  final UsageSummaries summaries =
      new UsageSummaries(
          renderer,
          store,
          source,
          new MetricRegistry(),
          UsageSummariesOptions.DEFAULT.withClock(clock));
  final PodInfo running = phase(pod("shop", "web-1", null, null, "n1", T0), "Running", T0, null);

  @BeforeEach
  void site() {
    FakeCluster cluster = new FakeCluster(summaries);
    cluster.upsert(node("n1", "True", T0));
    cluster.upsert(running);
    cluster.upsert(pod("shop", "done-1", null, null, "n1", T0)); // pending: live
    cluster.upsert(phase(pod("shop", "old-1", null, null, "n1", T0), "Succeeded", T0, null));
    for (String name : new String[] {"done-1"}) {
      String sel = "{namespace=\"shop\",pod=\"" + name + "\"}";
      summaryValues("sum(rate(container_cpu_usage_seconds_total" + sel + "[1m]))", 0, 0, 0);
      summaryValues("sum(container_memory_working_set_bytes" + sel + ")", 0, 0, 0);
    }
    summaryValues(POD_CPU, 0.25, 0.5, 0.45);
    summaryValues(POD_MEM, 1.5e8, 2e8, 1.9e8);
    summaryValues(NODE_CPU, 3, 6, 5.5);
  }

  @AfterEach
  void close() {
    summaries.close();
  }

  void summaryValues(String promql, double avg, double max, double p95) {
    source.values.put("avg_over_time((" + promql + ")[5m:30s])", avg);
    source.values.put("max_over_time((" + promql + ")[5m:30s])", max);
    source.values.put("quantile_over_time(0.95, (" + promql + ")[5m:30s])", p95);
  }

  Graph usage(String kind, String ns, String name) {
    return store.copyOf(renderer.usageGraph(FakeCluster.ref(kind, ns, name)));
  }

  static Node dbl(double v) {
    return NodeFactory.createLiteralDT(Double.toString(v), XSDDatatype.XSDdouble);
  }

  @Test
  void writesTheMeasurementsThenOnlyWhatChanged() {
    // 2 live pods x 2 metrics + 1 node x 1 metric = 5 metrics, 3 functions, 10 triples each.
    assertThat(summaries.refresh()).isEqualTo(5 * 3 * 10);

    Node pod = uri(renderer.base + "pod/shop/web-1");
    Node avg = uri(renderer.base + "pod/shop/web-1/usage/cpu/avg");
    Graph g = usage("Pod", "shop", "web-1");
    assertThat(g.size()).isEqualTo(2 * 3 * 10);
    assertThat(g.contains(pod, glc("hasTaskRealizedMeasurement"), avg)).isTrue();
    assertThat(g.contains(avg, TestRenderer.TYPE, glc("AggregatedMeasurement"))).isTrue();
    assertThat(g.contains(avg, glc("hasValue"), dbl(0.25))).isTrue();
    assertThat(g.contains(avg, glc("measuredIn"), uri("http://qudt.org/vocab/unit/NUM"))).isTrue();
    assertThat(
            g.contains(
                avg, glc("hasAggregatedFuntion"), NodeFactory.createLiteralString("avg_over_time")))
        .isTrue();
    assertThat(g.contains(avg, glc("startingInterval"), TestRenderer.time(T0.minusSeconds(300))))
        .isTrue();
    assertThat(g.contains(avg, glc("endingInterval"), TestRenderer.time(T0))).isTrue();
    assertThat(
            g.contains(
                avg,
                uri(TestRenderer.MOR + "promql"),
                NodeFactory.createLiteralString("avg_over_time((" + POD_CPU + ")[5m:30s])")))
        .isTrue();
    Node p95 = uri(renderer.base + "pod/shop/web-1/usage/memory/p95");
    assertThat(g.contains(p95, glc("hasValue"), dbl(1.9e8))).isTrue();
    Node nodeMax = uri(renderer.base + "node/n1/usage/cpu/max");
    assertThat(
            usage("Node", "", "n1")
                .contains(uri(renderer.base + "node/n1"), glc("hasResourceMeasurement"), nodeMax))
        .isTrue();
    assertThat(usage("Pod", "shop", "old-1").isEmpty()).as("a finished pod").isTrue();

    assertThat(summaries.refresh()).as("same values, same time").isZero();

    source.values.put("max_over_time((" + POD_MEM + ")[5m:30s])", 2.5e8);
    assertThat(summaries.refresh()).as("one value changed").isEqualTo(2);
    Node max = uri(renderer.base + "pod/shop/web-1/usage/memory/max");
    assertThat(usage("Pod", "shop", "web-1").contains(max, glc("hasValue"), dbl(2.5e8))).isTrue();

    clock.advance(Duration.ofMinutes(1));
    assertThat(summaries.refresh())
        .as("the window moved: two intervals per summary")
        .isEqualTo(15 * 2 * 2);
  }

  @Test
  void aFailingExpressionKeepsTheOldSummary() {
    summaries.refresh();
    clock.advance(Duration.ofMinutes(1));
    source.values.put("avg_over_time((" + POD_CPU + ")[5m:30s])", Double.NaN);

    // 14 summaries move their window; the failed one keeps its value and its old window.
    assertThat(summaries.refresh()).isEqualTo(14 * 2 * 2);
    Node avg = uri(renderer.base + "pod/shop/web-1/usage/cpu/avg");
    Graph g = usage("Pod", "shop", "web-1");
    assertThat(g.contains(avg, glc("hasValue"), dbl(0.25))).isTrue();
    assertThat(g.contains(avg, glc("endingInterval"), TestRenderer.time(T0))).isTrue();
    assertThat(
            g.contains(
                uri(renderer.base + "pod/shop/web-1"), glc("hasTaskRealizedMeasurement"), avg))
        .isTrue();
  }

  @Test
  void noStateYetWritesNothing() {
    UsageSummaries fresh =
        new UsageSummaries(
            renderer,
            store,
            source,
            new MetricRegistry(),
            UsageSummariesOptions.DEFAULT.withClock(clock));
    assertThat(fresh.refresh()).isZero();
    assertThat(store.graphNames()).isEmpty();
  }
}
