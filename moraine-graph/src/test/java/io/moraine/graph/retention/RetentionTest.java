package io.moraine.graph.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.StoreOptions;
import io.moraine.graph.store.Tdb2GraphStore;
import io.moraine.testkit.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  static final String BASE = "https://moraine.local/site/edge-1/";
  static final String GRAPHS = BASE + "graph/";
  static final Node AT = NodeFactory.createURI("https://moraine.local/vocab#at");
  static final Node TYPE = NodeFactory.createURI("https://moraine.local/vocab#type");
  static final long DAY = Duration.ofDays(1).toMillis();
  static final long NOW = Instant.parse("2026-06-30T00:00:00Z").toEpochMilli();

  @TempDir Path dir;
  Tdb2GraphStore store;
  ManualClock clock = new ManualClock(NOW);

  @BeforeEach
  void open() {
    store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Node iri(String s) {
    return NodeFactory.createURI(s);
  }

  static Node time(long millis) {
    return NodeFactory.createLiteralDT(
        Instant.ofEpochMilli(millis).toString(), XSDDatatype.XSDdateTime);
  }

  /** An entity's state graph (with an end time when endMillis >= 0), a sub-graph and its usage. */
  void entity(String path, long endMillis) {
    Node e = iri(BASE + path);
    Graph state = GraphFactory.createDefaultGraph();
    state.add(Triple.create(e, TYPE, NodeFactory.createLiteralString("workload")));
    if (endMillis >= 0) {
      state.add(
          Triple.create(
              iri(BASE + path + "/status"), RetentionOptions.GLC_END_TIME, time(endMillis)));
    }
    store.put(iri(GRAPHS + path), state, null);
    store.put(
        iri(GRAPHS + path + "/container/app"), graph(iri(BASE + path + "/container/app")), null);
    store.put(iri(GRAPHS + "usage/" + path), graph(iri(BASE + path + "/usage/cpu/avg")), null);
  }

  static Graph graph(Node s) {
    Graph g = GraphFactory.createDefaultGraph();
    g.add(Triple.create(s, TYPE, NodeFactory.createLiteralString("x")));
    return g;
  }

  void event(String id, long atMillis) {
    Node e = iri(BASE + "event/" + id);
    Graph g = GraphFactory.createDefaultGraph();
    g.add(Triple.create(e, AT, time(atMillis)));
    g.add(Triple.create(e, TYPE, NodeFactory.createLiteralString("started")));
    store.merge(iri(GRAPHS + "history"), g, null);
  }

  RetentionOptions options(long compactAfter) {
    RetentionOptions d = RetentionOptions.defaults(GRAPHS, AT);
    return new RetentionOptions(
        d.horizon(),
        GRAPHS,
        d.historyGraph(),
        AT,
        d.endTime(),
        compactAfter,
        Duration.ofMillis(20));
  }

  @Test
  void deletesOldHistoryAndEveryGraphOfEntitiesThatEndedBeforeTheHorizon() {
    entity("workload/default/deployment/old", NOW - 8 * DAY);
    entity("workload/default/deployment/recent", NOW - 2 * DAY);
    entity("workload/default/deployment/running", -1);
    entity("workload/default/deployment/old-but-other", -1);
    event("a", NOW - 9 * DAY);
    event("b", NOW - 8 * DAY);
    event("c", NOW - DAY);

    Retention.Result r = new Retention(store, options(1_000_000), clock).runOnce();

    assertThat(r.historyTriples()).isEqualTo(4);
    assertThat(r.graphs()).isEqualTo(3);
    assertThat(r.compacted()).isFalse();
    assertThat(store.graphNames())
        .extracting(Node::getURI)
        .noneMatch(u -> u.contains("deployment/old/") || u.endsWith("deployment/old"))
        .contains(
            GRAPHS + "workload/default/deployment/old-but-other",
            GRAPHS + "usage/workload/default/deployment/recent",
            GRAPHS + "workload/default/deployment/running/container/app");
    assertThat(store.get(iri(GRAPHS + "history")).orElseThrow().graph().size()).isEqualTo(2);
    assertThat(r.quads()).isEqualTo(4 + 4);

    clock.advance(Duration.ofDays(7));
    Retention.Result later = new Retention(store, options(1), clock).runOnce();
    assertThat(later.graphs()).isEqualTo(3);
    assertThat(later.historyTriples()).isEqualTo(2);
    assertThat(later.compacted()).isTrue();
    assertThat(store.graphNames()).hasSize(6);
  }

  @Test
  void theScheduledRunnerPassesRepeatedlyWithTheClocksNow() {
    entity("workload/default/job/done", NOW - 8 * DAY);
    GraphStore.Stats before = store.stats();
    try (Retention retention = new Retention(store, options(1_000_000), clock)) {
      retention.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> store.graphNames().isEmpty());
      assertThat(retention.failures()).isZero();
    }
    assertThat(before.graphs()).isEqualTo(3);
  }
}
