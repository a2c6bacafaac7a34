package io.moraine.graph.render;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Model records for the golden tests, one fixture per kind, and a {@link ClusterState} holding them
 * all. Builders are plain static methods so the watcher's converter tests can build the same
 * objects from fabric8 and compare.
 */
public final class Fixtures {
  private Fixtures() {}

  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final double MI = 1024 * 1024;

  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  public static Resources res(Object... kv) {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return new Resources(m);
  }

  public static ObjectRef ref(String kind, String ns, String name) {
    return new ObjectRef(kind, ns, name, "uid-" + name);
  }

  public static ContainerInfo container(
      String name,
      String image,
      boolean init,
      Resources requests,
      Resources limits,
      String state,
      @Nullable Instant started,
      @Nullable Instant finished,
      @Nullable Integer exitCode) {
    String reason =
        state.equals("terminated")
            ? (exitCode != null && exitCode == 0 ? "Completed" : "Error")
            : "";
    return new ContainerInfo(
        name,
        image,
        init,
        requests,
        limits,
        started == null ? "" : "containerd://" + name + "-id",
        state,
        reason,
        started,
        finished,
        0,
        exitCode,
        "");
  }

  public static WorkloadInfo workload(
      ObjectRef ref,
      @Nullable ObjectRef owner,
      List<String> images,
      Resources requests,
      Resources limits,
      int desired,
      int ready) {
    return new WorkloadInfo(
        ref,
        Map.of("app", ref.name()),
        Map.of(),
        owner,
        images,
        requests,
        limits,
        Map.of(),
        desired,
        ready,
        ready,
        0,
        0,
        at(0),
        null,
        "",
        "",
        null);
  }

  public static PodInfo pod(
      ObjectRef ref,
      @Nullable ObjectRef owner,
      @Nullable ObjectRef workload,
      String node,
      String phase,
      List<ContainerInfo> init,
      List<ContainerInfo> app,
      Resources requests,
      Resources limits) {
    return new PodInfo(
        ref,
        Map.of("app", workload == null ? ref.name() : workload.name()),
        Map.of(),
        owner,
        workload,
        node,
        phase,
        "",
        "default-scheduler",
        requests.isEmpty() ? "BestEffort" : "Burstable",
        node.isEmpty() ? "" : "10.1.0.7",
        "",
        init,
        app,
        requests,
        limits,
        at(10),
        node.isEmpty() ? null : at(12),
        null,
        null,
        List.of());
  }

  public static NodeInfo node(String name, int gpus) {
    Resources capacity =
        gpus > 0
            ? res(
                "cpu",
                64,
                "memory",
                256 * 1024 * MI,
                "ephemeral-storage",
                500e9,
                "nvidia.com/gpu",
                gpus,
                "pods",
                110)
            : res("cpu", 4, "memory", 16 * 1024 * MI, "ephemeral-storage", 100e9, "pods", 110);
    Resources allocatable =
        gpus > 0
            ? res(
                "cpu",
                63.5,
                "memory",
                250 * 1024 * MI,
                "ephemeral-storage",
                450e9,
                "nvidia.com/gpu",
                gpus,
                "pods",
                110)
            : res("cpu", 3.9, "memory", 15 * 1024 * MI, "ephemeral-storage", 90e9, "pods", 110);
    return new NodeInfo(
        new ObjectRef("Node", "", name, "uid-" + name),
        Map.of("kubernetes.io/hostname", name, "kubernetes.io/arch", "amd64"),
        Map.of("node.alpha.kubernetes.io/ttl", "0"),
        capacity,
        allocatable,
        "amd64",
        "linux",
        "Ubuntu 24.04.1 LTS",
        "6.8.0-45-generic",
        "v1.31.2",
        "containerd://1.7.22",
        gpus > 0 ? "10.0.0.12" : "10.0.0.11",
        "",
        false,
        Map.of("Ready", "True", "MemoryPressure", "False"),
        at(-3600),
        gpus,
        gpus > 0 ? "NVIDIA-A100-SXM4-40GB" : "",
        gpus > 0 ? 25e9 : Double.NaN,
        at(-86400),
        null);
  }

  /** Deployment web, its ReplicaSet and two pods with an init container, on node-a and node-gpu. */
  public static List<Record> deployment() {
    ObjectRef dep = ref("Deployment", "default", "web");
    ObjectRef rs = ref("ReplicaSet", "default", "web-6d4cf56db6");
    // init: 0.5 cpu, 256Mi; app + sidecar: 0.1 + 0.2 cpu, 128Mi + 64Mi → max(init, sum)
    Resources req = res("cpu", 0.5, "memory", 256 * MI);
    Resources lim = res("memory", 512 * MI);
    List<String> images = List.of("busybox:1.36", "nginx:1.27", "envoy:v1.31");
    List<Record> out = new ArrayList<>();
    out.add(workload(dep, null, images, req, lim, 2, 2));
    out.add(workload(rs, dep, images, req, lim, 2, 2));
    String[] pods = {"web-6d4cf56db6-abcde", "web-6d4cf56db6-fghij"};
    String[] nodes = {"node-a", "node-gpu"};
    for (int i = 0; i < 2; i++) {
      List<ContainerInfo> init =
          List.of(
              container(
                  "migrate",
                  "busybox:1.36",
                  true,
                  res("cpu", 0.5, "memory", 256 * MI),
                  Resources.NONE,
                  "terminated",
                  at(12),
                  at(14),
                  0));
      List<ContainerInfo> app =
          List.of(
              container(
                  "app",
                  "nginx:1.27",
                  false,
                  res("cpu", 0.1, "memory", 128 * MI),
                  res("memory", 448 * MI),
                  "running",
                  at(15),
                  null,
                  null),
              container(
                  "sidecar",
                  "envoy:v1.31",
                  false,
                  res("cpu", 0.2, "memory", 64 * MI),
                  res("memory", 64 * MI),
                  "running",
                  at(15),
                  null,
                  null));
      out.add(
          pod(ref("Pod", "default", pods[i]), rs, dep, nodes[i], "Running", init, app, req, lim));
    }
    return out;
  }

  /** StatefulSet db with pod db-0 and its claim. */
  public static List<Record> statefulSet() {
    ObjectRef sts = ref("StatefulSet", "data", "db");
    Resources req = res("cpu", 1, "memory", 2048 * MI);
    Resources lim = res("cpu", 2, "memory", 2048 * MI);
    PodInfo p =
        pod(
            ref("Pod", "data", "db-0"),
            sts,
            sts,
            "node-a",
            "Running",
            List.of(),
            List.of(
                container(
                    "postgres", "postgres:17", false, req, lim, "running", at(20), null, null)),
            req,
            lim);
    p = withClaims(p, List.of("data-db-0"));
    return List.of(workload(sts, null, List.of("postgres:17"), req, lim, 1, 1), p);
  }

  /** DaemonSet agent with one pod on the GPU node. */
  public static List<Record> daemonSet() {
    ObjectRef ds = ref("DaemonSet", "monitoring", "agent");
    Resources req = res("cpu", 0.05, "memory", 64 * MI);
    return List.of(
        workload(ds, null, List.of("moraine:0.1.0"), req, Resources.NONE, 2, 1),
        pod(
            ref("Pod", "monitoring", "agent-x7k2p"),
            ds,
            ds,
            "node-gpu",
            "Running",
            List.of(),
            List.of(
                container(
                    "agent",
                    "moraine:0.1.0",
                    false,
                    req,
                    Resources.NONE,
                    "running",
                    at(11),
                    null,
                    null)),
            req,
            Resources.NONE));
  }

  /** Job batch, finished successfully, with its Succeeded pod asking for one GPU. */
  public static List<Record> job() {
    ObjectRef job = ref("Job", "default", "batch");
    Resources req = res("cpu", 2, "nvidia.com/gpu", 1);
    Resources lim = res("nvidia.com/gpu", 1);
    WorkloadInfo w = workload(job, null, List.of("trainer:3"), req, lim, 1, 0);
    w = finishedJob(w, 1, at(300), "Complete");
    PodInfo p =
        pod(
            ref("Pod", "default", "batch-q8w2z"),
            job,
            job,
            "node-gpu",
            "Succeeded",
            List.of(),
            List.of(
                container("train", "trainer:3", false, req, lim, "terminated", at(12), at(290), 0)),
            req,
            lim);
    p = finished(p, at(290));
    return List.of(w, p);
  }

  /** CronJob nightly, one Job it made, and that Job's running pod. */
  public static List<Record> cronJob() {
    ObjectRef cj = ref("CronJob", "default", "nightly");
    ObjectRef job = ref("Job", "default", "nightly-28911520");
    Resources req = res("cpu", 0.25);
    WorkloadInfo c = workload(cj, null, List.of("backup:1"), req, Resources.NONE, 0, 0);
    c = withSchedule(c, "0 2 * * *");
    return List.of(
        c,
        workload(job, cj, List.of("backup:1"), req, Resources.NONE, 1, 1),
        pod(
            ref("Pod", "default", "nightly-28911520-h5k8d"),
            job,
            cj,
            "node-a",
            "Running",
            List.of(),
            List.of(
                container(
                    "backup",
                    "backup:1",
                    false,
                    req,
                    Resources.NONE,
                    "running",
                    at(13),
                    null,
                    null)),
            req,
            Resources.NONE));
  }

  /** A bare pod, still Pending (not scheduled). */
  public static List<Record> barePod() {
    return List.of(
        pod(
            ref("Pod", "default", "debug"),
            null,
            null,
            "",
            "Pending",
            List.of(),
            List.of(
                container(
                    "shell",
                    "busybox:1.36",
                    false,
                    Resources.NONE,
                    Resources.NONE,
                    "waiting",
                    null,
                    null,
                    null)),
            Resources.NONE,
            Resources.NONE));
  }

  /** Deployment old-api, deleted: stopped with its end time. */
  public static List<Record> stoppedWorkload() {
    WorkloadInfo w =
        workload(
            ref("Deployment", "default", "old-api"),
            null,
            List.of("api:0.9"),
            res("cpu", 0.3),
            Resources.NONE,
            0,
            0);
    return List.of(
        new WorkloadInfo(
            w.ref(),
            w.labels(),
            w.annotations(),
            w.owner(),
            w.images(),
            w.requests(),
            w.limits(),
            w.podTemplateAnnotations(),
            0,
            0,
            0,
            0,
            0,
            w.createdAt(),
            null,
            "",
            "",
            at(3600)));
  }

  public static List<Record> nodes() {
    return List.of(node("node-a", 0), node("node-gpu", 2));
  }

  public static List<Record> namespace() {
    return List.of(
        new NamespaceInfo(
            new ObjectRef("Namespace", "", "default", "uid-default"),
            Map.of("kubernetes.io/metadata.name", "default"),
            Map.of("owner", "platform-team"),
            "Active",
            at(-86400)));
  }

  public static List<Record> pvc() {
    return List.of(
        new PvcInfo(
            ref("PersistentVolumeClaim", "data", "data-db-0"),
            "local-path",
            10e9,
            10e9,
            "Bound",
            "pvc-3f2a",
            at(5)));
  }

  /** Every fixture by name (the golden file's base name). */
  public static Map<String, List<Record>> all() {
    Map<String, List<Record>> m = new LinkedHashMap<>();
    m.put("deployment", deployment());
    m.put("statefulset", statefulSet());
    m.put("daemonset", daemonSet());
    m.put("job", job());
    m.put("cronjob", cronJob());
    m.put("bare-pod", barePod());
    m.put("stopped-workload", stoppedWorkload());
    m.put("nodes", nodes());
    m.put("namespace", namespace());
    m.put("pvc", pvc());
    return m;
  }

  /** One site holding every fixture. */
  public static ClusterState state() {
    Map<String, NodeInfo> nodes = new HashMap<>();
    Map<String, WorkloadInfo> workloads = new HashMap<>();
    Map<String, PodInfo> pods = new HashMap<>();
    Map<String, NamespaceInfo> namespaces = new HashMap<>();
    Map<String, PvcInfo> pvcs = new HashMap<>();
    for (List<Record> list : all().values()) {
      for (Record r : list) {
        switch (r) {
          case NodeInfo n -> nodes.put(n.ref().key(), n);
          case WorkloadInfo w -> workloads.put(w.ref().key(), w);
          case PodInfo p -> pods.put(p.ref().key(), p);
          case NamespaceInfo n -> namespaces.put(n.ref().key(), n);
          case PvcInfo p -> pvcs.put(p.ref().key(), p);
          default -> throw new IllegalStateException("BUG: " + r);
        }
      }
    }
    return new ClusterState(
        new SiteInfo("edge-1", "config", "https://10.0.0.1:6443"),
        nodes,
        workloads,
        pods,
        namespaces,
        pvcs);
  }

  private static PodInfo withClaims(PodInfo p, List<String> claims) {
    return new PodInfo(
        p.ref(),
        p.labels(),
        p.annotations(),
        p.owner(),
        p.workload(),
        p.nodeName(),
        p.phase(),
        p.reason(),
        p.schedulerName(),
        p.qosClass(),
        p.podIp(),
        p.priorityClassName(),
        p.initContainers(),
        p.containers(),
        p.requests(),
        p.limits(),
        p.createdAt(),
        p.startedAt(),
        p.finishedAt(),
        p.deletedAt(),
        claims);
  }

  private static PodInfo finished(PodInfo p, Instant at) {
    return new PodInfo(
        p.ref(),
        p.labels(),
        p.annotations(),
        p.owner(),
        p.workload(),
        p.nodeName(),
        p.phase(),
        "",
        p.schedulerName(),
        p.qosClass(),
        p.podIp(),
        p.priorityClassName(),
        p.initContainers(),
        p.containers(),
        p.requests(),
        p.limits(),
        p.createdAt(),
        p.startedAt(),
        at,
        p.deletedAt(),
        p.pvcNames());
  }

  private static WorkloadInfo finishedJob(
      WorkloadInfo w, int succeeded, Instant at, String outcome) {
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
        0,
        0,
        succeeded,
        0,
        w.createdAt(),
        at,
        outcome,
        "",
        null);
  }

  private static WorkloadInfo withSchedule(WorkloadInfo w, String schedule) {
    return new WorkloadInfo(
        w.ref(),
        w.labels(),
        w.annotations(),
        w.owner(),
        w.images(),
        w.requests(),
        w.limits(),
        w.podTemplateAnnotations(),
        0,
        0,
        0,
        0,
        0,
        w.createdAt(),
        null,
        "",
        schedule,
        null);
  }
}
