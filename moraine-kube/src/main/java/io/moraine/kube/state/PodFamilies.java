package io.moraine.kube.state;

import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import java.time.Instant;

/**
 * The {@code kube_pod_*} families of one pod. Container families cover app containers only, as
 * kube-state-metrics keeps init containers in {@code kube_pod_init_container_*}. Stateless.
 */
final class PodFamilies {
  /** Kubernetes' pod phases in the order kube-state-metrics lists them. */
  private static final String[] PHASES = {"Pending", "Succeeded", "Failed", "Unknown", "Running"};

  private PodFamilies() {}

  static void add(SeriesCollector out, PodInfo p) {
    String[] pod = {"namespace", p.ref().namespace(), "pod", p.ref().name(), "uid", p.ref().uid()};
    ObjectRef owner = p.owner();
    String ownerKind = owner == null ? "" : owner.kind();
    String ownerName = owner == null ? "" : owner.name();
    out.add(
        "kube_pod_info",
        pod,
        1,
        "host_ip",
        p.hostIp(),
        "pod_ip",
        p.podIp(),
        "node",
        p.nodeName(),
        "created_by_kind",
        ownerKind,
        "created_by_name",
        ownerName,
        "priority_class",
        p.priorityClassName(),
        "host_network",
        Boolean.toString(p.hostNetwork()));
    // The model keeps the controller reference only, so owner_is_controller is "true" when set.
    out.add(
        "kube_pod_owner",
        pod,
        1,
        "owner_kind",
        ownerKind,
        "owner_name",
        ownerName,
        "owner_is_controller",
        owner == null ? "" : "true");
    if (!p.phase().isEmpty()) {
      for (String phase : PHASES) {
        out.add("kube_pod_status_phase", pod, phase.equals(p.phase()) ? 1 : 0, "phase", phase);
      }
    }
    Instant started = p.startedAt();
    if (started != null) {
      out.add("kube_pod_start_time", pod, started.getEpochSecond());
    }
    long completed = lastFinishSeconds(p);
    if (completed > 0) {
      out.add("kube_pod_completion_time", pod, completed);
    }
    for (ContainerInfo c : p.containers()) {
      addContainer(out, pod, p.nodeName(), c);
    }
  }

  private static void addContainer(
      SeriesCollector out, String[] pod, String node, ContainerInfo c) {
    String name = c.name();
    out.add("kube_pod_container_status_restarts_total", pod, c.restartCount(), "container", name);
    if ("waiting".equals(c.state()) && !c.reason().isEmpty()) {
      out.add(
          "kube_pod_container_status_waiting_reason",
          pod,
          1,
          "container",
          name,
          "reason",
          c.reason());
    }
    if ("terminated".equals(c.state())) {
      out.add(
          "kube_pod_container_status_terminated_reason",
          pod,
          1,
          "container",
          name,
          "reason",
          c.reason());
    }
    if (!c.lastTerminationReason().isEmpty()) {
      out.add(
          "kube_pod_container_status_last_terminated_reason",
          pod,
          1,
          "container",
          name,
          "reason",
          c.lastTerminationReason());
    }
    String[] container = containerLabels(pod, name, node);
    ResourceUnits.addAll(
        out, "kube_pod_container_resource_requests", container, c.requests(), false, true);
    ResourceUnits.addAll(
        out, "kube_pod_container_resource_limits", container, c.limits(), false, true);
  }

  private static String[] containerLabels(String[] pod, String container, String node) {
    String[] l = new String[pod.length + 4];
    System.arraycopy(pod, 0, l, 0, pod.length);
    l[pod.length] = "container";
    l[pod.length + 1] = container;
    l[pod.length + 2] = "node";
    l[pod.length + 3] = node;
    return l;
  }

  /** The latest finishedAt of a terminated app container in epoch seconds, or 0 when none. */
  private static long lastFinishSeconds(PodInfo p) {
    long last = 0;
    for (ContainerInfo c : p.containers()) {
      Instant f = c.finishedAt();
      if ("terminated".equals(c.state()) && f != null) {
        last = Math.max(last, f.getEpochSecond());
      }
    }
    return last;
  }
}
