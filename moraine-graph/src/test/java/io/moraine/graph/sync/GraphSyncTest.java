package io.moraine.graph.sync;

import static io.moraine.graph.sync.FakeCluster.deleted;
import static io.moraine.graph.sync.FakeCluster.node;
import static io.moraine.graph.sync.FakeCluster.phase;
import static io.moraine.graph.sync.FakeCluster.pod;
import static io.moraine.graph.sync.FakeCluster.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.graph.store.MemGraphStore;
import io.moraine.kube.model.LifecycleEvent.Type;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.WorkloadInfo;
import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GraphSyncTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  final ManualClock clock = new ManualClock(T0.toEpochMilli());
  final TestRenderer renderer = new TestRenderer("edge-1");
  final MemGraphStore store = new MemGraphStore();
  MetricRegistry registry = new MetricRegistry();
  final List<Commit> commits = new CopyOnWriteArrayList<>();
  GraphSync sync = start(Duration.ZERO, 100_000);
  FakeCluster cluster = new FakeCluster(sync);

  final WorkloadInfo web = workload("Deployment", "shop", "web", null, T0);
  final WorkloadInfo rs = workload("ReplicaSet", "shop", "web-5d8", web.ref(), T0);
  final PodInfo pod = pod("shop", "web-5d8-x2k", rs.ref(), web.ref(), "n1", T0);

  GraphSync start(Duration delay, int maxPending) {
    GraphSyncOptions o =
        new GraphSyncOptions(clock, delay, maxPending, GraphSyncOptions.DEFAULT.maxBatchChanges());
    registry = new MetricRegistry();
    return GraphSync.start(renderer, store, registry, o, commits::add);
  }

  @AfterEach
  void close() {
    sync.close();
  }

  void idle() throws InterruptedException {
    assertThat(sync.awaitIdle(Duration.ofSeconds(10))).isTrue();
  }

  /** Creates the node, the Deployment, its ReplicaSet and a pod, and starts the pod. */
  void createAndStart() throws InterruptedException {
    cluster.upsert(node("n1", "True", T0.minusSeconds(3600)));
    cluster.upsert(web);
    cluster.upsert(rs);
    cluster.upsert(pod);
    cluster.lifecycle(pod.ref(), Type.CREATED, T0, "");
    idle();
    cluster.upsert(phase(pod, "Running", T0.plusSeconds(5), null));
    cluster.lifecycle(pod.ref(), Type.STARTED, T0.plusSeconds(5), "");
    cluster.lifecycle(web.ref(), Type.STARTED, T0.plusSeconds(5), "");
    idle();
  }

  @Test
  void createStartDeleteYieldsTheStateAndHistory() throws Exception {
    createAndStart();
    Instant gone = T0.plusSeconds(600);
    cluster.remove(deleted(web, gone));
    cluster.lifecycle(web.ref(), Type.STOPPED, gone, "Deleted");
    cluster.remove(deleted(rs, gone.plusSeconds(2)));
    cluster.remove(phase(pod, "Running", T0.plusSeconds(5), gone.plusSeconds(2)));
    cluster.lifecycle(pod.ref(), Type.STOPPED, gone.plusSeconds(2), "Deleted");
    idle();

    DatasetGraph expected = DatasetGraphFactory.create();
    RDFDataMgr.read(
        expected,
        getClass().getResourceAsStream("create-start-delete.trig"),
        org.apache.jena.riot.Lang.TRIG);
    DatasetGraph[] actual = new DatasetGraph[1];
    store.read(
        dsg -> {
          actual[0] = DatasetGraphFactory.create();
          dsg.find().forEachRemaining(actual[0]::add);
        });
    assertThat(IsoMatcher.isomorphic(expected, actual[0]))
        .as(
            "store:%n%s",
            org.apache.jena.riot.RDFWriter.source(actual[0])
                .lang(org.apache.jena.riot.Lang.TRIG)
                .asString())
        .isTrue();
    assertThat(metrics())
        .contains("moraine_graph_sync_changes_total{type=\"removed\"} 3")
        .contains("moraine_graph_sync_changes_total{type=\"lifecycle\"} 5")
        .containsPattern("moraine_graph_sync_lag_seconds_count [1-9]");
  }

  @Test
  void aPodStatusChangeWritesOnlyItsDifference() throws Exception {
    cluster.upsert(node("n1", "True", T0));
    cluster.upsert(web);
    cluster.upsert(rs);
    cluster.upsert(pod);
    idle();
    commits.clear();

    cluster.upsert(phase(pod, "Running", T0.plusSeconds(5), null));
    idle();

    // Pod, ReplicaSet and Deployment each: description Pending -> Running, start time added.
    assertThat(commits).hasSize(1);
    Commit c = commits.getFirst();
    assertThat(c.changes()).isEqualTo(1);
    assertThat(c.graphs()).isEqualTo(3);
    assertThat(c.deletes()).isEqualTo(3);
    assertThat(c.adds()).isEqualTo(6);
    assertThat(c.quadsChanged()).isEqualTo(9);
  }

  @Test
  void anUnchangedUpsertWritesNothing() throws Exception {
    cluster.upsert(node("n1", "True", T0));
    cluster.upsert(pod);
    idle();
    long applies = store.applies.get();
    cluster.upsert(pod);
    idle();
    assertThat(commits.getLast().quadsChanged()).isZero();
    assertThat(store.applies.get()).isEqualTo(applies);
  }

  @Test
  void aResyncClosesWhatVanishedUnseenAndTwiceChangesNothing() throws Exception {
    createAndStart();
    cluster.forget(pod.ref());
    cluster.forget(rs.ref());
    cluster.forget(web.ref());
    clock.advance(Duration.ofMinutes(30));
    Instant resyncAt = Instant.ofEpochMilli(clock.nowMillis());
    commits.clear();

    cluster.resync();
    idle();

    Node podStatus = TestRenderer.uri(renderer.entity(pod.ref()).getURI() + "/status");
    Node webStatus = TestRenderer.uri(renderer.entity(web.ref()).getURI() + "/status");
    assertThat(
            store
                .copyOf(renderer.graphsOf(pod.ref()).getFirst())
                .contains(podStatus, TestRenderer.END, TestRenderer.time(resyncAt)))
        .isTrue();
    assertThat(
            store
                .copyOf(renderer.graphsOf(web.ref()).getFirst())
                .contains(webStatus, TestRenderer.END, TestRenderer.time(resyncAt)))
        .isTrue();
    // Three objects closed (pod, ReplicaSet, Deployment), each with a STOPPED history event.
    assertThat(commits.getFirst().adds()).isEqualTo(3 + 3 * 4);
    assertThat(
            store
                .copyOf(renderer.historyGraph())
                .find(Node.ANY, TestRenderer.uri(TestRenderer.MOR + "event"), Node.ANY)
                .filterKeep(t -> t.getObject().getLiteralLexicalForm().equals("STOPPED"))
                .toList())
        .hasSize(3);

    clock.advance(Duration.ofMinutes(1));
    commits.clear();
    cluster.resync();
    idle();
    assertThat(commits.getFirst().quadsChanged()).isZero();
  }

  @Test
  void aResyncAfterRestartConvergesToContinuousWatching() throws Exception {
    MemGraphStore watched = new MemGraphStore();
    try (GraphSync continuous =
        GraphSync.start(
            renderer,
            watched,
            new MetricRegistry(),
            GraphSyncOptions.DEFAULT.withClock(clock).withMaxBatchDelay(Duration.ZERO))) {
      FakeCluster twin = new FakeCluster(continuous);
      for (FakeCluster c : List.of(cluster, twin)) {
        c.upsert(node("n1", "True", T0));
        c.upsert(web);
        c.upsert(rs);
        c.upsert(pod);
      }
      idle();
      // The watch breaks; the twin sees the pod start, the ReplicaSet go and a second node join.
      sync.close();
      PodInfo running = phase(pod, "Running", T0.plusSeconds(5), null);
      twin.upsert(running);
      twin.remove(deleted(rs, T0.plusSeconds(9)));
      twin.upsert(node("n2", "True", T0.plusSeconds(7)));
      assertThat(continuous.awaitIdle(Duration.ofSeconds(10))).isTrue();

      // Restart: a fresh sync over the same store re-syncs from the whole truth.
      sync = start(Duration.ZERO, 100_000);
      cluster = new FakeCluster(sync);
      cluster.upsert(node("n1", "True", T0));
      cluster.upsert(node("n2", "True", T0.plusSeconds(7)));
      cluster.upsert(web);
      cluster.upsert(running);
      idle();
      commits.clear();
      cluster.resync();
      idle();

      // Same graphs except the ReplicaSet's end time: the re-sync's time, not the deletion's.
      for (Node g : watched.graphNames()) {
        if (g.getURI().endsWith("replicaset/web-5d8") || g.getURI().endsWith("history")) {
          continue;
        }
        assertThat(store.copyOf(g).isIsomorphicWith(watched.copyOf(g))).as("%s", g).isTrue();
      }
      Node rsStatus = TestRenderer.uri(renderer.entity(rs.ref()).getURI() + "/status");
      assertThat(
              store
                  .copyOf(renderer.graphsOf(rs.ref()).getFirst())
                  .contains(
                      rsStatus,
                      TestRenderer.END,
                      TestRenderer.time(Instant.ofEpochMilli(clock.nowMillis()))))
          .isTrue();
    }
  }

  @Test
  void changesWithinTheBatchDelayShareOneTransaction() throws Exception {
    sync.close();
    sync = start(Duration.ofMillis(300), 100_000);
    cluster = new FakeCluster(sync);
    long before = store.applies.get();
    cluster.upsert(node("n1", "True", T0));
    cluster.upsert(web);
    cluster.upsert(rs);
    cluster.upsert(pod);
    cluster.lifecycle(pod.ref(), Type.CREATED, T0, "");
    idle();
    assertThat(store.applies.get() - before).isEqualTo(1);
    assertThat(commits).hasSize(1);
    assertThat(commits.getFirst().changes()).isEqualTo(5);
    assertThat(commits.getFirst().lagNanos()).hasSize(5);
  }

  @Test
  void aFullQueueIsReplacedByAResyncFromTheNewestState() throws Exception {
    sync.close();
    sync = start(Duration.ofMillis(300), 2);
    cluster = new FakeCluster(sync);
    cluster.upsert(node("n1", "True", T0));
    for (int i = 0; i < 10; i++) {
      cluster.upsert(pod("shop", "p" + i, null, null, "n1", T0));
    }
    idle();
    assertThat(metrics()).containsPattern("moraine_graph_sync_overflows_total [1-9]");
    for (int i = 0; i < 10; i++) {
      assertThat(
              store
                  .copyOf(renderer.graphsOf(FakeCluster.ref("Pod", "shop", "p" + i)).getFirst())
                  .isEmpty())
          .as("pod p%d", i)
          .isFalse();
    }
  }

  String metrics() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(buf);
    registry.writeTo(w);
    w.flush();
    return buf.toString(StandardCharsets.UTF_8);
  }
}
