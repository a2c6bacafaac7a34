package io.moraine.graph.legacy;

import static io.moraine.graph.legacy.LegacyFixtures.*;
import static io.moraine.graph.legacy.LegacyMeasurement.Scope.NODE;
import static io.moraine.graph.legacy.LegacyMeasurement.Scope.POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.time.Clock;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.MemGraphStore;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.SiteInfo;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class LegacySnapshotExporterTest {
  private static final String NS = "https://kubernetes.local/#";
  private static final String POD_IRI = NS + "shop.web-5d8f-abcde";

  /** The node of the node golden and the Deployment of the deployment golden, in one site. */
  private static ClusterState site() {
    ClusterState n = LegacyRendererTest.nodeCluster();
    ClusterState d = LegacyRendererTest.deploymentCluster();
    return new ClusterState(
        new SiteInfo("kubernetes", "config", ""),
        n.nodes(),
        d.workloads(),
        d.pods(),
        Map.of(),
        Map.of());
  }

  private static ClusterState withoutPods(ClusterState s) {
    return new ClusterState(s.site(), s.nodes(), s.workloads(), Map.of(), Map.of(), Map.of());
  }

  private static CannedUsage usage() {
    return new CannedUsage()
        .answer(promql(NODE, "CPU.Available"), sample("worker01", 3.25))
        .answer(promql(POD, "CPU.Usage"), sample("shop.web-5d8f-abcde", 0.125))
        .answer(promql(POD, "RAM.Usage"), sample("shop.web-5d8f-abcde", 104857600));
  }

  private static LegacySnapshotExporter.Options options(Duration retention) {
    return new LegacySnapshotExporter.Options(
        Duration.ofSeconds(60), retention, LegacyOptions.DEFAULT);
  }

  private static LegacySnapshotExporter exporter(
      GraphStore store, Clock clock, Duration retention, CannedUsage usage) {
    LegacySnapshotExporter e = new LegacySnapshotExporter(options(retention), store, usage, clock);
    ClusterState s = site();
    e.onChange(new ModelChange.Resynced(s), s);
    return e;
  }

  private static List<Long> timestamps(GraphStore store) {
    return store.graphNames().stream()
        .map(LegacySnapshotExporter::timestampOf)
        .filter(t -> t.isPresent())
        .map(t -> t.getAsLong())
        .sorted()
        .toList();
  }

  private static String text(String resource) {
    try (InputStream in = LegacySnapshotExporterTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing " + resource, e);
    }
  }

  private static List<Map<String, String>> select(GraphStore store, String sparql) {
    List<Map<String, String>> rows = new ArrayList<>();
    store.query(
        QueryFactory.create(sparql),
        10_000,
        qe -> {
          ResultSet rs = qe.execSelect();
          while (rs.hasNext()) {
            QuerySolution s = rs.next();
            Map<String, String> row = new LinkedHashMap<>();
            s.varNames()
                .forEachRemaining(
                    v -> {
                      RDFNode n = s.get(v);
                      row.put(v, n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString());
                    });
            rows.add(row);
          }
        });
    return rows;
  }

  @Test
  void writesOneTimestampGraphPerTickWithTheRenderedSnapshot() {
    ManualClock clock = new ManualClock(AT);
    try (MemGraphStore store = new MemGraphStore()) {
      LegacySnapshotExporter e =
          new LegacySnapshotExporter(options(Duration.ofHours(6)), store, usage(), clock);
      assertThat(e.tick()).isEmpty(); // no cluster state yet
      assertThat(store.graphNames()).isEmpty();

      ClusterState s = site();
      e.onChange(new ModelChange.Resynced(s), s);
      Optional<LegacySnapshotExporter.Snapshot> first = e.tick();
      clock.advance(Duration.ofSeconds(60));
      e.tick();
      clock.advance(Duration.ofSeconds(60));
      e.tick();

      assertThat(first).isPresent();
      assertThat(first.get().graph().getURI()).isEqualTo("timestamp:" + AT);
      assertThat(timestamps(store)).containsExactly(AT, AT + 60_000, AT + 120_000);
      Graph stored = store.get(LegacySnapshotExporter.graphName(AT)).orElseThrow().graph();
      Graph expected =
          new LegacyRenderer(LegacyOptions.DEFAULT)
              .render(
                  s,
                  LegacyMeasurements.collect(usage(), LegacyOptions.DEFAULT, AT).measurements(),
                  AT);
      assertThat(stored.isIsomorphicWith(expected)).isTrue();
      assertThat(first.get().triples()).isEqualTo(expected.size());
    }
  }

  @Test
  void retentionDropsGraphsOlderThanTheWindow() {
    ManualClock clock = new ManualClock(AT);
    try (MemGraphStore store = new MemGraphStore()) {
      LegacySnapshotExporter e = exporter(store, clock, Duration.ofSeconds(90), usage());
      Node unrelated = NodeFactory.createURI("https://moraine.local/site/x/graph/history");
      store.put(unrelated, golden("job.ttl"), null);

      e.tick();
      clock.advance(Duration.ofSeconds(60));
      assertThat(e.tick().orElseThrow().dropped()).isZero();
      clock.advance(Duration.ofSeconds(60));
      assertThat(e.tick().orElseThrow().dropped()).isEqualTo(1);

      assertThat(timestamps(store)).containsExactly(AT + 60_000, AT + 120_000);
      assertThat(store.graphNames()).contains(unrelated);
    }
  }

  @Test
  void aPodDeletedBetweenTicksIsReportedOnceWithItsEnd() {
    ManualClock clock = new ManualClock(AT);
    try (MemGraphStore store = new MemGraphStore()) {
      LegacySnapshotExporter e = exporter(store, clock, Duration.ofHours(6), usage());
      PodInfo pod = site().pods().values().iterator().next();
      e.onChange(new ModelChange.Removed(pod.ref(), pod), withoutPods(site()));

      clock.advance(Duration.ofSeconds(60));
      Graph first = e.tick().map(s -> store.get(s.graph()).orElseThrow().graph()).orElseThrow();
      clock.advance(Duration.ofSeconds(60));
      Graph second = e.tick().map(s -> store.get(s.graph()).orElseThrow().graph()).orElseThrow();

      Node status = NodeFactory.createURI(POD_IRI + ".Status");
      assertThat(
              first.contains(
                  status,
                  LegacyVocabulary.HAS_DESCRIPTION,
                  NodeFactory.createLiteralString("Succeeded")))
          .isTrue();
      assertThat(first.contains(status, LegacyVocabulary.END_TIME, Node.ANY)).isTrue();
      assertThat(second.contains(status, Node.ANY, Node.ANY)).isFalse();
    }
  }

  @Test
  void aPodMissingAfterAResyncIsReportedOnce() {
    ManualClock clock = new ManualClock(AT);
    try (MemGraphStore store = new MemGraphStore()) {
      LegacySnapshotExporter e = exporter(store, clock, Duration.ofHours(6), usage());
      ClusterState after = withoutPods(site());
      e.onChange(new ModelChange.Resynced(after), after);

      Graph g = e.tick().map(s -> store.get(s.graph()).orElseThrow().graph()).orElseThrow();
      assertThat(
              g.contains(
                  NodeFactory.createURI(POD_IRI + ".Status"), LegacyVocabulary.END_TIME, Node.ANY))
          .isTrue();
    }
  }

  @Test
  void aFailingQueryIsCountedAndTheSnapshotStillWritten() {
    ManualClock clock = new ManualClock(AT);
    try (MemGraphStore store = new MemGraphStore()) {
      CannedUsage usage = usage().fail(promql(POD, "RAM.Usage"));
      LegacySnapshotExporter e = exporter(store, clock, Duration.ofHours(6), usage);
      LegacySnapshotExporter.Snapshot s = e.tick().orElseThrow();
      assertThat(s.failedQueries()).isEqualTo(1);
      Graph g = store.get(s.graph()).orElseThrow().graph();
      assertThat(
              g.contains(NodeFactory.createURI(POD_IRI + ".CPU.Usage." + AT), Node.ANY, Node.ANY))
          .isTrue();
      assertThat(
              g.contains(NodeFactory.createURI(POD_IRI + ".RAM.Usage." + AT), Node.ANY, Node.ANY))
          .isFalse();
    }
  }

  @Test
  void tradeOffNodeQueryFindsCapacitiesInTheWindow() {
    ManualClock clock = new ManualClock(AT);
    try (MemGraphStore store = new MemGraphStore()) {
      LegacySnapshotExporter e = exporter(store, clock, Duration.ofHours(6), usage());
      for (int i = 0; i < 3; i++) {
        e.tick();
        clock.advance(Duration.ofSeconds(60));
      }
      String q =
          text("tradeoff-nodes.rq")
              .replace("%START%", Long.toString(AT + 60_000))
              .replace("%END%", Long.toString(AT + 180_000));
      List<Map<String, String>> rows = select(store, q);

      // two graphs in [start, end), each with 5 capacities/index and one availability
      assertThat(rows).hasSize(12);
      assertThat(rows).allSatisfy(r -> assertThat(r.get("node")).isEqualTo(NS + "worker01"));
      Map<String, String> newest = new LinkedHashMap<>();
      rows.stream()
          .filter(r -> Long.toString(AT + 120_000).equals(r.get("timestamp")))
          .forEach(r -> newest.put(r.get("measurementName"), r.get("value") + " " + r.get("unit")));
      assertThat(newest)
          .containsEntry("CPU.Capacity", "4 glc:Core")
          .containsEntry("RAM.Capacity", "16673947648 glc:Bytes")
          .containsEntry("Storage.Capacity", "47266578354 glc:Bytes")
          .containsEntry("GPU.Capacity", "1 glc:Count")
          .containsEntry("Energy.Index", "1001 glc:Milliwatt")
          .containsEntry("CPU.Available", "3.25 glc:Core");
    }
  }

  @Test
  void tradeOffWorkloadQueryFindsUsageAndTheReplicaSetsConstraints() {
    ManualClock clock = new ManualClock(AT);
    try (MemGraphStore store = new MemGraphStore()) {
      LegacySnapshotExporter e = exporter(store, clock, Duration.ofHours(6), usage());
      e.tick();
      String q =
          text("tradeoff-workload.rq")
              .replace("%START%", Long.toString(AT))
              .replace("%END%", Long.toString(AT + 1))
              .replace("%POD%", "<" + POD_IRI + ">");
      List<Map<String, String>> rows = select(store, q);

      Map<String, String> byName = new LinkedHashMap<>();
      rows.forEach(r -> byName.put(r.get("measurementName"), r.get("value") + " " + r.get("unit")));
      assertThat(byName)
          .containsOnly(
              Map.entry("CPU.Usage", "0.125 glc:Core"),
              Map.entry("RAM.Usage", "104857600 glc:bytes"),
              Map.entry("CPU.Allocated", "0.25 glc:Core"),
              Map.entry("RAM.Allocated", "268435456 glc:Bytes"),
              Map.entry("RAM.Capacity", "536870912 glc:Bytes"));
      assertThat(rows)
          .allSatisfy(
              r -> {
                assertThat(r.get("node")).isEqualTo(NS + "worker01");
                assertThat(r.get("startTime")).isEqualTo("2024-05-01T10:00:00Z");
                assertThat(r.get("timestamp")).isEqualTo(Long.toString(AT));
              });
    }
  }

  @Test
  void startTicksOnItsOwnThreadUntilClosed() {
    try (MemGraphStore store = new MemGraphStore()) {
      LegacySnapshotExporter e =
          new LegacySnapshotExporter(
              new LegacySnapshotExporter.Options(
                  Duration.ofMillis(20), Duration.ofHours(6), LegacyOptions.DEFAULT),
              store,
              usage(),
              Clock.SYSTEM);
      ClusterState s = site();
      e.onChange(new ModelChange.Resynced(s), s);
      e.start();
      assertThatThrownBy(e::start).isInstanceOf(IllegalStateException.class);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> timestamps(store).size() >= 2);
      e.close();
      int after = timestamps(store).size();
      Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> true);
      assertThat(timestamps(store)).hasSize(after); // no more ticks once closed
    }
  }

  @Test
  void optionsRefuseNonPositiveDurations() {
    assertThatThrownBy(
            () ->
                new LegacySnapshotExporter.Options(
                    Duration.ZERO, Duration.ofHours(1), LegacyOptions.DEFAULT))
        .hasMessageContaining("tick must be positive");
    assertThatThrownBy(
            () ->
                new LegacySnapshotExporter.Options(
                    Duration.ofSeconds(1), Duration.ofSeconds(-1), LegacyOptions.DEFAULT))
        .hasMessageContaining("retention must be positive");
  }
}
