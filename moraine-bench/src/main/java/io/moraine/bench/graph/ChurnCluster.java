package io.moraine.bench.graph;

import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ContainerInfo;
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
 * Stands in for the watcher in the churn figures: keeps the site's nodes, workloads and pods and
 * tells a listener of each change with the state after it, as the watcher does. Builders make the
 * records of one Deployment cycle. Not thread-safe (one driving thread).
 */
final class ChurnCluster {
  static final SiteInfo SITE = new SiteInfo("bench", "config", "https://10.0.0.1:6443");

  private final ClusterListener listener;
  private final Map<String, NodeInfo> nodes = new HashMap<>();
  private final Map<String, WorkloadInfo> workloads = new HashMap<>();
  private final Map<String, PodInfo> pods = new HashMap<>();
  private ClusterState state = state(Map.of(), Map.of(), Map.of());

  ChurnCluster(ClusterListener listener) {
    this.listener = listener;
  }

  ClusterState state() {
    return state;
  }

  void upsert(NodeInfo n) {
    nodes.put(n.ref().key(), n);
    changed(new ModelChange.Upserted(n.ref(), n));
  }

  void upsert(WorkloadInfo w) {
    workloads.put(w.ref().key(), w);
    changed(new ModelChange.Upserted(w.ref(), w));
  }

  void upsert(PodInfo p) {
    pods.put(p.ref().key(), p);
    changed(new ModelChange.Upserted(p.ref(), p));
  }

  void removed(WorkloadInfo last) {
    workloads.remove(last.ref().key());
    changed(new ModelChange.Removed(last.ref(), last));
  }

  void removed(PodInfo last) {
    pods.remove(last.ref().key());
    changed(new ModelChange.Removed(last.ref(), last));
  }

  void lifecycle(ObjectRef subject, LifecycleEvent.Type type, Instant at, String reason) {
    listener.onChange(
        new ModelChange.Lifecycle(new LifecycleEvent(subject, type, at, reason)), state);
  }

  private void changed(ModelChange change) {
    state = state(nodes, workloads, pods);
    listener.onChange(change, state);
  }

  private static ClusterState state(
      Map<String, NodeInfo> n, Map<String, WorkloadInfo> w, Map<String, PodInfo> p) {
    return new ClusterState(SITE, Map.copyOf(n), Map.copyOf(w), Map.copyOf(p), Map.of(), Map.of());
  }

  static ObjectRef ref(String kind, String ns, String name) {
    return new ObjectRef(
        kind, ns, name, "uid-" + kind.toLowerCase(java.util.Locale.ROOT) + "-" + name);
  }

  static NodeInfo node(String name, Instant created) {
    return new NodeInfo(
        ref("Node", "", name),
        Map.of("kubernetes.io/hostname", name),
        Map.of(),
        new Resources(Map.of("cpu", 8.0, "memory", 32e9)),
        new Resources(Map.of("cpu", 7.5, "memory", 31e9)),
        "amd64",
        "linux",
        "Ubuntu 24.04.1 LTS",
        "6.8.0-45-generic",
        "v1.31.2",
        "containerd://1.7.22",
        "10.0.0.2",
        "",
        false,
        Map.of("Ready", "True"),
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
        new Resources(Map.of("cpu", 0.5, "memory", 256e6)),
        new Resources(Map.of("memory", 512e6)),
        Map.of(),
        1,
        1,
        1,
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
      String ns, String name, ObjectRef owner, ObjectRef workload, String node, Instant created) {
    return new PodInfo(
        ref("Pod", ns, name),
        Map.of("app", workload.name()),
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
        List.of(container(null)),
        new Resources(Map.of("cpu", 0.5, "memory", 256e6)),
        new Resources(Map.of("memory", 512e6)),
        created,
        null,
        null,
        null,
        List.of());
  }

  /** The pod's one app container: waiting, or running since {@code started}. */
  private static ContainerInfo container(@Nullable Instant started) {
    return new ContainerInfo(
        "nginx",
        "nginx:1.27",
        false,
        new Resources(Map.of("cpu", 0.5, "memory", 256e6)),
        new Resources(Map.of("memory", 512e6)),
        started == null ? "" : "containerd://0123456789abcdef",
        started == null ? "waiting" : "running",
        started == null ? "ContainerCreating" : "",
        started,
        null,
        0,
        null,
        "");
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
        "10.244.1.7",
        p.priorityClassName(),
        p.initContainers(),
        List.of(container(started)),
        p.requests(),
        p.limits(),
        p.createdAt(),
        started,
        p.finishedAt(),
        deleted,
        p.pvcNames());
  }
}
