package io.moraine.kube.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.moraine.core.time.Clock;
import io.moraine.kube.client.KubeClientOptions;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.LifecycleEvent.Type;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watcher against fabric8's CRUD mock API server. */
class ClusterWatcherTest {
  private static final String NS = "default";
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Clock CLOCK =
      new Clock() {
        @Override
        public long nowMillis() {
          return NOW.toEpochMilli();
        }

        @Override
        public long nanoTime() {
          return 0;
        }
      };

  /** Kept: JUL holds loggers weakly. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void startServer() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.destroy();
  }

  private ClusterWatcher watcher(Recorder r, @Nullable String siteName) throws Exception {
    var w =
        new ClusterWatcher(
            new ClusterWatcherOptions(
                KubeClientOptions.apiServer(server.url("/"), "Moraine/test"),
                List.of(),
                Duration.ZERO,
                siteName,
                CLOCK));
    w.addListener(r);
    w.start().get(20, TimeUnit.SECONDS);
    return w;
  }

  private static ObjectRef ref(String kind, io.fabric8.kubernetes.api.model.HasMetadata o) {
    return new ObjectRef(
        kind, o.getMetadata().getNamespace(), o.getMetadata().getName(), o.getMetadata().getUid());
  }

  private static Pod running(Pod p, String startedAt) {
    return new PodBuilder(p)
        .editStatus()
        .withPhase("Running")
        .withStartTime("2025-03-01T10:00:01Z")
        .addNewContainerStatus()
        .withName("app")
        .withNewState()
        .withNewRunning(startedAt)
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void deploymentPodsLifecycleAndDeletion() throws Exception {
    Recorder r = new Recorder();
    try (var w = watcher(r, "site-a")) {
      assertThat(r.changes).hasSize(1).first().isInstanceOf(ModelChange.Resynced.class);
      Deployment d =
          client
              .apps()
              .deployments()
              .inNamespace(NS)
              .resource(Objects8.deployment(NS, "web"))
              .create();
      Pod p1 =
          client.pods().inNamespace(NS).resource(Objects8.pod(NS, "web-1", rsOwner(d))).create();
      client.pods().inNamespace(NS).resource(Objects8.pod(NS, "web-2", rsOwner(d))).create();
      // the ReplicaSet is not seen yet: the pods' workload is the ReplicaSet they name
      await().until(() -> pod(r, "web-2") != null && pod(r, "web-1") != null);
      assertThat(nn(nn(pod(r, "web-1")).workload()).kind()).isEqualTo("ReplicaSet");

      ReplicaSet rs =
          client
              .apps()
              .replicaSets()
              .inNamespace(NS)
              .resource(Objects8.replicaSet(NS, "web-rs", d))
              .create();
      ObjectRef deployment = ref("Deployment", d);
      await()
          .until(
              () ->
                  deployment.equals(nn(pod(r, "web-1")).workload())
                      && deployment.equals(nn(pod(r, "web-2")).workload()));
      assertThat(nn(r.last().workloads().get("ReplicaSet/default/web-rs")).owner())
          .isEqualTo(deployment);
      PodInfo info = nn(pod(r, "web-1"));
      assertThat(info.requests().get("cpu")).isEqualTo(1.0); // init 1 > 0.25 + 0.25
      assertThat(info.requests().get("memory")).isEqualTo(128 * 1024 * 1024); // 2 x 64Mi > 32Mi
      assertThat(info.limits().get("cpu")).isEqualTo(1.0);
      assertThat(info.createdAt()).isEqualTo(created(p1));

      client.pods().inNamespace(NS).resource(running(p1, "2025-03-01T10:00:05Z")).update();
      Instant started = Instant.parse("2025-03-01T10:00:05Z");
      await()
          .until(
              () ->
                  !r.lifecycle("Deployment", "web").stream()
                      .filter(e -> e.type() == Type.STARTED)
                      .toList()
                      .isEmpty());
      assertThat(r.lifecycle("Pod", "web-1"))
          .extracting(LifecycleEvent::type, LifecycleEvent::at)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Type.CREATED, created(p1)),
              org.assertj.core.groups.Tuple.tuple(Type.STARTED, started));
      assertThat(r.lifecycle("Deployment", "web"))
          .containsExactly(
              new LifecycleEvent(deployment, Type.CREATED, created(d), ""),
              new LifecycleEvent(deployment, Type.STARTED, started, ""));
      assertThat(r.lifecycle("ReplicaSet", "web-rs"))
          .extracting(LifecycleEvent::type)
          .contains(Type.STARTED);

      client.apps().deployments().inNamespace(NS).withName("web").delete();
      await().until(() -> r.lifecycle("Deployment", "web").size() == 3);
      assertThat(r.lifecycle("Deployment", "web").getLast())
          .isEqualTo(new LifecycleEvent(deployment, Type.STOPPED, NOW, "Deleted"));
      ModelChange.Removed removed =
          r.changes.stream()
              .filter(
                  c -> c instanceof ModelChange.Removed rm && rm.ref().kind().equals("Deployment"))
              .map(ModelChange.Removed.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(removed.ref()).isEqualTo(deployment);
      assertThat(((io.moraine.kube.model.WorkloadInfo) removed.last()).deletedAt()).isEqualTo(NOW);
      assertThat(r.last().workloads()).doesNotContainKey("Deployment/default/web");
      assertThat(r.resyncs()).isEqualTo(1);
      assertThat(r.threadName).isEqualTo("moraine-kube-watch");
      assertThat(rs.getMetadata().getUid()).isNotEmpty();
    }
  }

  /** The creation time the server gave {@code o}. */
  private static Instant created(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return Instant.parse(o.getMetadata().getCreationTimestamp());
  }

  private static <T> T nn(@Nullable T t) {
    return Objects.requireNonNull(t);
  }

  /** The ReplicaSet {@code web-rs} as an owner, before it exists. */
  private static io.fabric8.kubernetes.api.model.HasMetadata rsOwner(Deployment d) {
    return Objects8.replicaSet(NS, "web-rs", d);
  }

  private static @Nullable PodInfo pod(Recorder r, String name) {
    PodInfo found = null;
    for (ModelChange c : r.changes) {
      if (c instanceof ModelChange.Upserted u
          && u.object() instanceof PodInfo p
          && p.ref().name().equals(name)) {
        found = p;
      }
    }
    return found;
  }

  @Test
  void shortJobPodIsStartedAndStoppedWithTheContainersTimes() throws Exception {
    Recorder r = new Recorder();
    try (var w = watcher(r, "site-a")) {
      String startedAt = "2025-03-01T10:00:02Z";
      String finishedAt = "2025-03-01T10:00:03Z";
      Job job =
          client.batch().v1().jobs().inNamespace(NS).resource(Objects8.job(NS, "once")).create();
      Pod done =
          new PodBuilder(Objects8.pod(NS, "once-x", job))
              .editStatus()
              .withPhase("Succeeded")
              .withStartTime("2025-03-01T10:00:01Z")
              .addNewContainerStatus()
              .withName("app")
              .withNewState()
              .withNewTerminated()
              .withExitCode(0)
              .withReason("Completed")
              .withStartedAt(startedAt)
              .withFinishedAt(finishedAt)
              .endTerminated()
              .endState()
              .endContainerStatus()
              .endStatus()
              .build();
      Pod createdPod = client.pods().inNamespace(NS).resource(done).create();
      client.pods().inNamespace(NS).withName("once-x").delete();
      Job complete =
          new JobBuilder(job)
              .withNewStatus()
              .withSucceeded(1)
              .withCompletionTime(finishedAt)
              .addNewCondition()
              .withType("Complete")
              .withStatus("True")
              .withLastTransitionTime(finishedAt)
              .endCondition()
              .endStatus()
              .build();
      client.batch().v1().jobs().inNamespace(NS).resource(complete).updateStatus();
      await()
          .until(
              () ->
                  r.lifecycle("Job", "once").size() == 3
                      && r.lifecycle("Pod", "once-x").size() == 3);
      ObjectRef jobRef = ref("Job", job);
      // the Job's and the pod's informers race: the order between them is not fixed
      assertThat(r.lifecycle("Job", "once"))
          .containsExactlyInAnyOrder(
              new LifecycleEvent(jobRef, Type.CREATED, created(job), ""),
              new LifecycleEvent(jobRef, Type.STARTED, Instant.parse(startedAt), ""),
              new LifecycleEvent(jobRef, Type.STOPPED, Instant.parse(finishedAt), "Completed"));
      assertThat(r.lifecycle("Pod", "once-x"))
          .extracting(LifecycleEvent::type, LifecycleEvent::at)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Type.CREATED, created(createdPod)),
              org.assertj.core.groups.Tuple.tuple(Type.STARTED, Instant.parse(startedAt)),
              org.assertj.core.groups.Tuple.tuple(Type.STOPPED, Instant.parse(finishedAt)));
    }
  }

  @Test
  void failedJobIsFailedWithItsConditionsTimeAndReason() throws Exception {
    Recorder r = new Recorder();
    try (var w = watcher(r, "site-a")) {
      Job job =
          client.batch().v1().jobs().inNamespace(NS).resource(Objects8.job(NS, "bad")).create();
      Job failed =
          new JobBuilder(job)
              .withNewStatus()
              .withFailed(7)
              .addNewCondition()
              .withType("Failed")
              .withStatus("True")
              .withReason("BackoffLimitExceeded")
              .withLastTransitionTime("2025-03-01T11:00:00Z")
              .endCondition()
              .endStatus()
              .build();
      client.batch().v1().jobs().inNamespace(NS).resource(failed).updateStatus();
      await().until(() -> r.lifecycle("Job", "bad").size() == 2);
      assertThat(r.lifecycle("Job", "bad").getLast())
          .isEqualTo(
              new LifecycleEvent(
                  ref("Job", job),
                  Type.FAILED,
                  Instant.parse("2025-03-01T11:00:00Z"),
                  "BackoffLimitExceeded"));
      assertThat(nn(r.last().workloads().get("Job/default/bad")).failed()).isEqualTo(7);
      assertThat(nn(r.last().workloads().get("Job/default/bad")).jobOutcome()).isEqualTo("Failed");
    }
  }

  @Test
  void keepsOnlyTheEventsThatMatter() throws Exception {
    Recorder r = new Recorder();
    try (var w = watcher(r, "site-a")) {
      for (String reason : List.of("Scheduled", "BackOff", "Pulled")) {
        client
            .v1()
            .events()
            .inNamespace(NS)
            .resource(
                new EventBuilder()
                    .withNewMetadata()
                    .withNamespace(NS)
                    .withName("e-" + reason.toLowerCase())
                    .endMetadata()
                    .withReason(reason)
                    .withType("Warning")
                    .withMessage("Back-off restarting failed container")
                    .withCount(3)
                    .withLastTimestamp("2025-03-01T10:05:00Z")
                    .withNewInvolvedObject()
                    .withKind("Pod")
                    .withNamespace(NS)
                    .withName("web-1")
                    .endInvolvedObject()
                    .build())
            .create();
      }
      await().until(() -> r.changes.stream().anyMatch(c -> c instanceof ModelChange.Event));
      Thread.sleep(300);
      List<ModelChange.Event> events =
          r.changes.stream()
              .filter(c -> c instanceof ModelChange.Event)
              .map(ModelChange.Event.class::cast)
              .toList();
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().event().reason()).isEqualTo("BackOff");
      assertThat(events.getFirst().event().count()).isEqualTo(3);
      assertThat(events.getFirst().event().at()).isEqualTo(Instant.parse("2025-03-01T10:05:00Z"));
      assertThat(events.getFirst().event().involved().name()).isEqualTo("web-1");
    }
  }

  @Test
  void restartOverExistingObjectsTellsOneResyncedWithTheSameState() throws Exception {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace("kube-system")
                .withName("kubeadm-config")
                .endMetadata()
                .addToData(
                    "ClusterConfiguration",
                    "apiVersion: kubeadm.k8s.io/v1beta3\nclusterName: edge-7\n")
                .build())
        .create();
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("n1")
                .withCreationTimestamp(Objects8.CREATED)
                .addToLabels("nvidia.com/gpu.product", "A100")
                .addToAnnotations(Convert.NIC_SPEED, "10G")
                .endMetadata()
                .withNewStatus()
                .addToAllocatable("cpu", Objects8.q("4"))
                .addToAllocatable("nvidia.com/gpu", Objects8.q("2"))
                .withNewNodeInfo()
                .withArchitecture("arm64")
                .withKernelVersion("6.1")
                .endNodeInfo()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .withLastTransitionTime(Objects8.CREATED)
                .endCondition()
                .endStatus()
                .build())
        .create();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NS)
                .withCreationTimestamp(Objects8.CREATED)
                .endMetadata()
                .build())
        .create();
    Deployment d =
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .resource(Objects8.deployment(NS, "web"))
            .create();
    ReplicaSet rs =
        client
            .apps()
            .replicaSets()
            .inNamespace(NS)
            .resource(Objects8.replicaSet(NS, "web-rs", d))
            .create();
    client
        .pods()
        .inNamespace(NS)
        .resource(running(Objects8.pod(NS, "web-1", rs), "2025-03-01T10:00:09Z"))
        .create();
    client
        .pods()
        .inNamespace(NS)
        .resource(running(Objects8.pod(NS, "web-2", rs), "2025-03-01T10:00:04Z"))
        .create();

    Recorder first = new Recorder();
    Recorder second = new Recorder();
    // the second watcher starts before the first closes: the mock server stalls for a long while
    // after a watch closes, and a fresh watcher over the same objects is what a restart is
    try (var previous = watcher(first, null);
        var w = watcher(second, null)) {
      ClusterState before = nn(previous.state());
      Thread.sleep(300);
      List<ModelChange> states =
          second.changes.stream().filter(c -> !(c instanceof ModelChange.Lifecycle)).toList();
      assertThat(states).containsExactly(new ModelChange.Resynced(before));
      ClusterState s = nn(w.state());
      assertThat(s).isEqualTo(before);
      assertThat(s.site().name()).isEqualTo("edge-7");
      assertThat(s.site().nameSource()).isEqualTo("kubeadm-config");
      assertThat(s.pods()).containsOnlyKeys("Pod/default/web-1", "Pod/default/web-2");
      assertThat(s.workloads())
          .containsOnlyKeys("Deployment/default/web", "ReplicaSet/default/web-rs");
      assertThat(s.namespaces()).containsOnlyKeys("Namespace/default");
      var node = nn(s.nodes().get("Node/n1"));
      assertThat(node.gpuCount()).isEqualTo(2);
      assertThat(node.gpuModel()).isEqualTo("A100");
      assertThat(node.nicSpeedBitsPerSecond()).isEqualTo(1e10);
      assertThat(node.architecture()).isEqualTo("arm64");
      assertThat(node.ready()).isEqualTo("True");
      // the Deployment started with its earliest pod, though the list may give them in any order
      assertThat(second.lifecycle("Deployment", "web"))
          .contains(
              new LifecycleEvent(
                  ref("Deployment", d), Type.STARTED, Instant.parse("2025-03-01T10:00:04Z"), ""));
      assertThat(second.changes.getFirst()).isInstanceOf(ModelChange.Resynced.class);
    }
  }

  @Test
  void siteNamedAfterTheApiServerWithoutKubeadmConfig() throws Exception {
    Recorder r = new Recorder();
    try (var w = watcher(r, null)) {
      assertThat(nn(w.state()).site().nameSource()).isEqualTo("api-server");
      assertThat(nn(w.state()).site().name())
          .isEqualTo(java.net.URI.create(server.url("/")).getHost());
    }
    Recorder configured = new Recorder();
    try (var w = watcher(configured, "site-a")) {
      assertThat(nn(w.state()).site().name()).isEqualTo("site-a");
      assertThat(nn(w.state()).site().nameSource()).isEqualTo("config");
    }
  }
}
