package io.moraine.kube.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.kube.model.ClusterState;
import io.moraine.testkit.storage.RecordingAppendable;
import io.moraine.testkit.storage.RecordingAppendable.Sample;
import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KubeStateExporterTest {
  private final ManualClock clock = new ManualClock(1_000_000);
  private final RecordingAppendable store = new RecordingAppendable();
  private final MetricRegistry registry = new MetricRegistry();
  private final ClusterState full = Clusters.state(Clusters.site());
  private final AtomicReference<ClusterState> current = new AtomicReference<>(full);
  private final KubeStateExporter exporter =
      new KubeStateExporter(
          KubeStateOptions.DEFAULT.withClock(clock), current::get, store, registry);

  @Test
  void aRoundAppendsEverySeriesInOneCommitAtTheClocksTime() {
    assertThat(exporter.runOnce()).isTrue();
    List<StateSample> expected = KubeStateMetrics.collect(full);
    assertThat(store.batches()).hasSize(1);
    List<Sample> batch = store.batches().getFirst().samples();
    assertThat(batch)
        .containsExactlyElementsOf(
            expected.stream().map(s -> new Sample(s.labels(), 1_000_000, s.value())).toList());
  }

  @Test
  void aVanishedSeriesGetsOneStalenessMarker() {
    exporter.runOnce();
    ClusterState withoutCrashPod = without(full, "Pod/default/crash-5c6b7-m9z8p");
    current.set(withoutCrashPod);
    clock.advanceMillis(30_000);
    exporter.runOnce();
    clock.advanceMillis(30_000);
    exporter.runOnce();

    Set<Labels> gone = labels(KubeStateMetrics.collect(full));
    gone.removeAll(labels(KubeStateMetrics.collect(withoutCrashPod)));
    assertThat(gone).isNotEmpty().allMatch(l -> "crash-5c6b7-m9z8p".equals(l.get("pod")));

    List<Sample> second = store.batches().get(1).samples();
    assertThat(staleIn(second)).containsExactlyInAnyOrderElementsOf(gone);
    assertThat(second)
        .filteredOn(s -> StaleNaN.isStale(s.v()))
        .allSatisfy(s -> assertThat(s.t()).isEqualTo(1_030_000));
    assertThat(second.size())
        .isEqualTo(KubeStateMetrics.collect(withoutCrashPod).size() + gone.size());
    assertThat(staleIn(store.batches().get(2).samples())).isEmpty();
  }

  @Test
  void aSeriesThatComesBackIsAppendedAgain() {
    exporter.runOnce();
    current.set(without(full, "Node/edge-2"));
    exporter.runOnce();
    current.set(full);
    clock.advanceMillis(1);
    exporter.runOnce();
    List<Sample> third = store.batches().get(2).samples();
    assertThat(staleIn(third)).isEmpty();
    assertThat(third).anyMatch(s -> "edge-2".equals(s.labels().get("node")) && s.v() == 1);
  }

  @Test
  void aFailedCommitKeepsTheLastStoredRoundForStaleness() throws IOException {
    exporter.runOnce();
    store.failNextCommit(new UncheckedIOException(new IOException("disk full")));
    current.set(without(full, "Node/edge-2"));
    assertThat(exporter.runOnce()).isFalse();
    current.set(without(without(full, "Node/edge-2"), "Namespace/old"));
    assertThat(exporter.runOnce()).isTrue();

    List<Sample> last = store.batches().getLast().samples();
    assertThat(staleIn(last))
        .isNotEmpty()
        .allMatch(l -> "edge-2".equals(l.get("node")) || "old".equals(l.get("namespace")))
        .anyMatch(l -> "old".equals(l.get("namespace")));
    assertThat(selfMetrics())
        .contains("moraine_kube_state_round_failures_total{stage=\"commit\"} 1")
        .contains("moraine_kube_state_rounds_total 3");
  }

  @Test
  void aFailingSourceStoresNothingAndIsCounted() throws IOException {
    MetricRegistry own = new MetricRegistry();
    KubeStateExporter failing =
        new KubeStateExporter(
            KubeStateOptions.DEFAULT.withClock(clock),
            () -> {
              throw new IllegalStateException("watch not synced");
            },
            store,
            own);
    assertThat(failing.runOnce()).isFalse();
    assertThat(store.appendedCount()).isZero();
    assertThat(selfMetrics(own))
        .contains("moraine_kube_state_round_failures_total{stage=\"collect\"} 1");
  }

  @Test
  void aRejectedSampleIsCountedAndTheRoundGoesOn() throws IOException {
    store.rejectSample(3, OutOfOrderSampleException::new);
    assertThat(exporter.runOnce()).isTrue();
    int n = KubeStateMetrics.collect(full).size();
    assertThat(store.batches().getFirst().samples()).hasSize(n - 1);
    assertThat(selfMetrics())
        .contains("moraine_kube_state_samples_rejected_total 1")
        .contains("moraine_kube_state_series " + n)
        .contains("moraine_kube_state_series_appended_total " + n);
  }

  @Test
  void startedItRunsEveryInterval() {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (KubeStateExporter fast =
        new KubeStateExporter(
            new KubeStateOptions(Duration.ofMillis(20), clock),
            current::get,
            store,
            new MetricRegistry())) {
      fast.start(timer);
      await().atMost(Duration.ofSeconds(10)).until(() -> store.batches().size() >= 3);
    } finally {
      timer.shutdownNow();
    }
    assertThat(store.batches()).allSatisfy(b -> assertThat(b.samples()).isNotEmpty());
  }

  @Test
  void optionsRefuseAZeroInterval() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> KubeStateOptions.DEFAULT.withInterval(Duration.ZERO))
        .withMessageContaining("interval");
  }

  private String selfMetrics() throws IOException {
    return selfMetrics(registry);
  }

  private static String selfMetrics(MetricRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(out);
    registry.writeTo(w);
    w.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Set<Labels> labels(List<StateSample> s) {
    return s.stream().map(StateSample::labels).collect(Collectors.toSet());
  }

  private static List<Labels> staleIn(List<Sample> batch) {
    List<Labels> out = new ArrayList<>();
    for (Sample s : batch) {
      if (StaleNaN.isStale(s.v())) {
        out.add(s.labels());
      }
    }
    return out;
  }

  private static ClusterState without(ClusterState s, String key) {
    java.util.Map<String, io.moraine.kube.model.NodeInfo> nodes =
        new java.util.HashMap<>(s.nodes());
    java.util.Map<String, io.moraine.kube.model.PodInfo> pods = new java.util.HashMap<>(s.pods());
    java.util.Map<String, io.moraine.kube.model.NamespaceInfo> ns =
        new java.util.HashMap<>(s.namespaces());
    boolean removed =
        nodes.remove(key) != null || pods.remove(key) != null || ns.remove(key) != null;
    assertThat(removed).as("fixture has " + key).isTrue();
    return new ClusterState(s.site(), nodes, s.workloads(), pods, ns, s.pvcs());
  }
}
