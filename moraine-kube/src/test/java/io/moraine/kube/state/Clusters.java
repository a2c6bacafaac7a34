package io.moraine.kube.state;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.PvcInfo;
import io.moraine.kube.model.Resources;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds model records and cluster states for the tests: a small edge site with every kind. */
final class Clusters {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  static final double GI = 1024.0 * 1024 * 1024;
  static final double MI = 1024.0 * 1024;

  private Clusters() {}

  static ObjectRef ref(String kind, String ns, String name) {
    return new ObjectRef(kind, ns, name, "uid-" + name);
  }

  static NodeInfo node(String name, String ready, boolean unschedulable, String internalIp) {
    Resources capacity =
        new Resources(
            Map.of(
                "cpu", 4.0,
                "memory", 8 * GI,
                "ephemeral-storage", 100e9,
                "pods", 110.0,
                "nvidia.com/gpu", 1.0,
                "hugepages-2Mi", 0.0));
    Resources allocatable =
        new Resources(
            Map.of(
                "cpu", 3.5,
                "memory", 7.5 * GI,
                "ephemeral-storage", 90e9,
                "pods", 110.0,
                "nvidia.com/gpu", 1.0,
                "kubernetes.io/batch-cpu", 2.0));
    return new NodeInfo(
        new ObjectRef("Node", "", name, "uid-" + name),
        Map.of("kubernetes.io/hostname", name),
        Map.of(),
        capacity,
        allocatable,
        "amd64",
        "linux",
        "Ubuntu 24.04.1 LTS",
        "6.8.0-45-generic",
        "v1.31.2",
        "containerd://1.7.22",
        internalIp,
        "",
        unschedulable,
        Map.of("Ready", ready, "MemoryPressure", "False"),
        T0,
        1,
        "NVIDIA-A2",
        Double.NaN,
        T0,
        null,
        "10.244.1.0/24",
        "ec2a-" + name);
  }

  static ContainerInfo container(
      String name,
      String state,
      String reason,
      int restarts,
      String lastReason,
      Resources requests,
      Resources limits,
      @Nullable Instant finishedAt) {
    return new ContainerInfo(
        name,
        "registry.local/" + name + ":1",
        false,
        requests,
        limits,
        "containerd://" + name,
        state,
        reason,
        T0,
        finishedAt,
        restarts,
        finishedAt == null ? null : 1,
        lastReason);
  }

  static ContainerInfo running(String name, Resources requests, Resources limits) {
    return container(name, "running", "", 0, "", requests, limits, null);
  }

  static PodInfo pod(
      String ns,
      String name,
      @Nullable ObjectRef owner,
      String node,
      String phase,
      List<ContainerInfo> containers,
      List<ContainerInfo> init,
      boolean hostNetwork) {
    return new PodInfo(
        ref("Pod", ns, name),
        Map.of(),
        Map.of(),
        owner,
        owner,
        node,
        phase,
        "",
        "default-scheduler",
        "Burstable",
        node.isEmpty() ? "" : hostNetwork ? "10.0.0.1" : "10.244.1.7",
        "",
        init,
        containers,
        Resources.NONE,
        Resources.NONE,
        T0,
        phase.equals("Pending") ? null : T0.plusSeconds(2),
        null,
        null,
        List.of(),
        node.isEmpty() ? "" : "10.0.0.1",
        hostNetwork);
  }

  static WorkloadInfo workload(
      String kind,
      String ns,
      String name,
      @Nullable ObjectRef owner,
      int desired,
      int ready,
      int available,
      int succeeded,
      int failed,
      String outcome,
      String failureReason) {
    return new WorkloadInfo(
        ref(kind, ns, name),
        Map.of(),
        Map.of(),
        owner,
        List.of("registry.local/" + name + ":1"),
        Resources.NONE,
        Resources.NONE,
        Map.of(),
        desired,
        ready,
        available,
        succeeded,
        failed,
        T0,
        outcome.isEmpty() ? null : T0.plusSeconds(600),
        outcome,
        "",
        null,
        failureReason);
  }

  static WorkloadInfo replicated(String kind, String ns, String name, int desired, int ready) {
    return workload(kind, ns, name, null, desired, ready, ready, 0, 0, "", "");
  }

  static ClusterState state(List<?> objects) {
    Map<String, NodeInfo> nodes = new HashMap<>();
    Map<String, WorkloadInfo> workloads = new HashMap<>();
    Map<String, PodInfo> pods = new HashMap<>();
    Map<String, NamespaceInfo> namespaces = new HashMap<>();
    Map<String, PvcInfo> pvcs = new HashMap<>();
    for (Object o : objects) {
      switch (o) {
        case NodeInfo n -> nodes.put(n.ref().key(), n);
        case WorkloadInfo w -> workloads.put(w.ref().key(), w);
        case PodInfo p -> pods.put(p.ref().key(), p);
        case NamespaceInfo n -> namespaces.put(n.ref().key(), n);
        case PvcInfo p -> pvcs.put(p.ref().key(), p);
        default -> throw new IllegalArgumentException("not a model object: " + o);
      }
    }
    return new ClusterState(
        new SiteInfo("edge-a", "config", "https://10.0.0.1:6443"),
        nodes,
        workloads,
        pods,
        namespaces,
        pvcs);
  }

  /** The site every golden file describes. */
  static List<Object> site() {
    Resources req = new Resources(Map.of("cpu", 0.25, "memory", 128 * MI));
    Resources lim = new Resources(Map.of("cpu", 0.5, "memory", 256 * MI, "nvidia.com/gpu", 1.0));
    ObjectRef rs = ref("ReplicaSet", "default", "web-7d9f8");
    ObjectRef crashRs = ref("ReplicaSet", "default", "crash-5c6b7");
    ObjectRef ds = ref("DaemonSet", "kube-system", "node-agent");
    ObjectRef job = ref("Job", "batch", "report-28391");
    ObjectRef cron = ref("CronJob", "batch", "report");
    return List.of(
        node("edge-1", "True", false, "10.0.0.1"),
        node("edge-2", "False", true, "10.0.0.2"),
        pod(
            "default",
            "web-7d9f8-x2k4q",
            rs,
            "edge-1",
            "Running",
            List.of(running("app", req, lim), running("sidecar", Resources.NONE, Resources.NONE)),
            List.of(),
            false),
        pod(
            "default",
            "crash-5c6b7-m9z8p",
            crashRs,
            "edge-1",
            "Running",
            List.of(
                container(
                    "app", "waiting", "CrashLoopBackOff", 7, "Error", req, Resources.NONE, null)),
            List.of(),
            false),
        pod(
            "batch",
            "report-28391-q7w2e",
            job,
            "edge-2",
            "Failed",
            List.of(
                container(
                    "report",
                    "terminated",
                    "Error",
                    0,
                    "",
                    Resources.NONE,
                    Resources.NONE,
                    T0.plusSeconds(95))),
            List.of(),
            false),
        pod(
            "kube-system",
            "node-agent-h5j6k",
            ds,
            "edge-1",
            "Running",
            List.of(
                running(
                    "agent",
                    new Resources(Map.of("cpu", 0.1, "memory", 50e6 + 0.5)),
                    Resources.NONE)),
            List.of(running("init-sysctl", new Resources(Map.of("cpu", 1.0)), Resources.NONE)),
            true),
        pod(
            "default",
            "pending-abc",
            null,
            "",
            "Pending",
            List.of(container("app", "waiting", "", 0, "", Resources.NONE, Resources.NONE, null)),
            List.of(),
            false),
        replicated("Deployment", "default", "web", 3, 2),
        replicated("ReplicaSet", "default", "web-7d9f8", 3, 2),
        replicated("StatefulSet", "data", "db", 3, 3),
        replicated("DaemonSet", "kube-system", "node-agent", 2, 1),
        workload("CronJob", "batch", "report", null, 0, 0, 0, 0, 0, "", ""),
        workload(
            "Job", "batch", "report-28391", cron, 1, 0, 0, 0, 6, "Failed", "BackoffLimitExceeded"),
        workload("Job", "batch", "migrate", null, 1, 1, 1, 0, 2, "", ""),
        workload("Job", "batch", "nightly", null, 1, 0, 0, 1, 0, "Complete", ""),
        workload("Job", "batch", "quota", null, 1, 0, 0, 0, 1, "Failed", "PodFailurePolicy"),
        new NamespaceInfo(ref("Namespace", "", "default"), Map.of(), Map.of(), "Active", T0),
        new NamespaceInfo(ref("Namespace", "", "old"), Map.of(), Map.of(), "Terminating", T0),
        new PvcInfo(
            ref("PersistentVolumeClaim", "data", "db-data-0"),
            "local-path",
            10 * GI,
            10 * GI,
            "Bound",
            "pvc-1",
            T0),
        new PvcInfo(
            ref("PersistentVolumeClaim", "data", "no-request"),
            "local-path",
            Double.NaN,
            Double.NaN,
            "Pending",
            "",
            T0));
  }
}
