package io.moraine.graph.sync;

import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.Resources;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the watcher: keeps the site's objects and tells a listener of each change with the
 * state after it, as the real watcher does. Not thread-safe (one test thread drives it).
 */
final class FakeCluster {
  private final ClusterListener listener;
  private final SiteInfo site = new SiteInfo("edge-1", "config", "https://10.0.0.1:6443");
  private final Map<String, NodeInfo> nodes = new HashMap<>();
  private final Map<String, WorkloadInfo> workloads = new HashMap<>();
  private final Map<String, PodInfo> pods = new HashMap<>();

  FakeCluster(ClusterListener listener) {
    this.listener = listener;
  }

  ClusterState state() {
    return new ClusterState(site, nodes, workloads, pods, Map.of(), Map.of());
  }

  static ObjectRef ref(String kind, String ns, String name) {
    return new ObjectRef(kind, ns, name, "uid-" + kind.toLowerCase() + "-" + name);
  }

  static NodeInfo node(String name, String ready, Instant created) {
    return new NodeInfo(
        ref("Node", "", name),
        Map.of(),
        Map.of(),
        new Resources(Map.of("cpu", 8.0)),
        new Resources(Map.of("cpu", 7.5)),
        "amd64",
        "linux",
        "Debian",
        "6.1",
        "v1.31.0",
        "containerd://1.7",
        "10.0.0.2",
        "",
        false,
        Map.of("Ready", ready),
        created,
        0,
        "",
        Double.NaN,
        created,
        null);
  }

  static WorkloadInfo workload(
      String kind, String ns, String name, @Nullable ObjectRef owner, Instant created) {
    return new WorkloadInfo(
        ref(kind, ns, name),
        Map.of("app", name),
        Map.of(),
        owner,
        List.of("nginx:1.27"),
        new Resources(Map.of("cpu", 0.5)),
        Resources.NONE,
        Map.of(),
        1,
        0,
        0,
        0,
        0,
        created,
        null,
        "",
        "",
        null);
  }

  static WorkloadInfo deleted(WorkloadInfo w, Instant at) {
    return new WorkloadInfo(
        w.ref(),
        w.labels(),
        w.annotations(),
        w.owner(),
        w.images(),
        w.requests(),
        w.limits(),
        w.podTemplateAnnotations(),
        w.replicasDesired(),
        w.replicasReady(),
        w.replicasAvailable(),
        w.succeeded(),
        w.failed(),
        w.createdAt(),
        w.completedAt(),
        w.jobOutcome(),
        w.schedule(),
        at);
  }

  static PodInfo pod(
      String ns,
      String name,
      @Nullable ObjectRef owner,
      @Nullable ObjectRef workload,
      String node,
      Instant created) {
    return new PodInfo(
        ref("Pod", ns, name),
        Map.of(),
        Map.of(),
        owner,
        workload,
        node,
        "Pending",
        "",
        "default-scheduler",
        "Burstable",
        "",
        "",
        List.of(),
        List.of(),
        new Resources(Map.of("cpu", 0.5)),
        Resources.NONE,
        created,
        null,
        null,
        null,
        List.of());
  }

  static PodInfo phase(
      PodInfo p, String phase, @Nullable Instant started, @Nullable Instant deleted) {
    return new PodInfo(
        p.ref(),
        p.labels(),
        p.annotations(),
        p.owner(),
        p.workload(),
        p.nodeName(),
        phase,
        p.reason(),
        p.schedulerName(),
        p.qosClass(),
        "10.1.0.7",
        p.priorityClassName(),
        p.initContainers(),
        p.containers(),
        p.requests(),
        p.limits(),
        p.createdAt(),
        started,
        p.finishedAt(),
        deleted,
        p.pvcNames());
  }

  void upsert(Record r) {
    ObjectRef ref = DeltaPlanner.refOf(r);
    switch (r) {
      case NodeInfo n -> nodes.put(ref.key(), n);
      case WorkloadInfo w -> workloads.put(ref.key(), w);
      case PodInfo p -> pods.put(ref.key(), p);
      default -> throw new IllegalArgumentException(r.toString());
    }
    listener.onChange(new ModelChange.Upserted(ref, r), state());
  }

  void remove(Record last) {
    ObjectRef ref = DeltaPlanner.refOf(last);
    nodes.remove(ref.key());
    workloads.remove(ref.key());
    pods.remove(ref.key());
    listener.onChange(new ModelChange.Removed(ref, last), state());
  }

  /** Forgets an object without telling anyone (it vanished during a watch gap). */
  void forget(ObjectRef ref) {
    nodes.remove(ref.key());
    workloads.remove(ref.key());
    pods.remove(ref.key());
  }

  void lifecycle(ObjectRef subject, LifecycleEvent.Type type, Instant at, String reason) {
    listener.onChange(
        new ModelChange.Lifecycle(new LifecycleEvent(subject, type, at, reason)), state());
  }

  void resync() {
    ClusterState s = state();
    listener.onChange(new ModelChange.Resynced(s), s);
  }
}
