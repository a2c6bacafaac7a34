package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Volume;
import io.moraine.kube.model.ContainerInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Pods and their containers to {@link PodInfo} and {@link ContainerInfo}. Stateless. */
final class PodConvert {
  private PodConvert() {}

  /**
   * {@code p} as a record; {@code workload} is its resolved owner chain's top (or null), {@code
   * now} stands in for a missing creationTimestamp, {@code removedAt} (when the watch reported the
   * deletion) for a missing deletionTimestamp.
   */
  static PodInfo pod(
      Pod p, @Nullable ObjectRef workload, Instant now, @Nullable Instant removedAt) {
    ObjectMeta m = p.getMetadata();
    PodSpec spec = p.getSpec() == null ? new PodSpec() : p.getSpec();
    PodStatus st = p.getStatus() == null ? new PodStatus() : p.getStatus();
    Map<String, ContainerStatus> initStatus = byName(st.getInitContainerStatuses());
    Map<String, ContainerStatus> appStatus = byName(st.getContainerStatuses());
    List<ContainerInfo> inits = containers(spec.getInitContainers(), initStatus, true);
    List<ContainerInfo> apps = containers(spec.getContainers(), appStatus, false);
    Demand demand = Demand.of(spec.getInitContainers(), spec.getContainers(), spec.getOverhead());
    String phase = Convert.str(st.getPhase());
    Instant finished = null;
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      for (ContainerInfo c : apps) {
        finished = Times.max(finished, c.finishedAt());
      }
    }
    List<String> pvcs = new ArrayList<>();
    for (Volume v : Convert.list(spec.getVolumes())) {
      if (v.getPersistentVolumeClaim() != null) {
        pvcs.add(Convert.str(v.getPersistentVolumeClaim().getClaimName()));
      }
    }
    return new PodInfo(
        Convert.ref("Pod", p),
        Convert.map(m.getLabels()),
        Convert.map(m.getAnnotations()),
        Convert.controller(p),
        workload,
        Convert.str(spec.getNodeName()),
        phase,
        Convert.str(st.getReason()),
        Convert.str(spec.getSchedulerName()),
        Convert.str(st.getQosClass()),
        Convert.str(st.getPodIP()),
        Convert.str(spec.getPriorityClassName()),
        inits,
        apps,
        demand.requests(),
        demand.limits(),
        Convert.created(m, now),
        Times.parse(st.getStartTime(), "status.startTime"),
        finished,
        Times.min(Times.parse(m.getDeletionTimestamp(), "metadata.deletionTimestamp"), removedAt),
        List.copyOf(pvcs));
  }

  private static Map<String, ContainerStatus> byName(@Nullable List<ContainerStatus> statuses) {
    Map<String, ContainerStatus> out = new HashMap<>();
    for (ContainerStatus s : Convert.list(statuses)) {
      out.put(Convert.str(s.getName()), s);
    }
    return out;
  }

  private static List<ContainerInfo> containers(
      @Nullable List<Container> spec, Map<String, ContainerStatus> status, boolean init) {
    List<ContainerInfo> out = new ArrayList<>();
    for (Container c : Convert.list(spec)) {
      out.add(container(c, status.get(Convert.str(c.getName())), init));
    }
    return List.copyOf(out);
  }

  static ContainerInfo container(Container c, @Nullable ContainerStatus s, boolean init) {
    String state = "waiting";
    String reason = "";
    Instant started = null;
    Instant finished = null;
    Integer exit = null;
    String last = "";
    int restarts = 0;
    String id = "";
    if (s != null) {
      ContainerState cs = s.getState() == null ? new ContainerState() : s.getState();
      String field = "container " + c.getName();
      if (cs.getTerminated() != null) {
        ContainerStateTerminated t = cs.getTerminated();
        state = "terminated";
        reason = Convert.str(t.getReason());
        started = Times.parse(t.getStartedAt(), field + " terminated.startedAt");
        finished = Times.parse(t.getFinishedAt(), field + " terminated.finishedAt");
        exit = t.getExitCode();
      } else if (cs.getRunning() != null) {
        state = "running";
        started = Times.parse(cs.getRunning().getStartedAt(), field + " running.startedAt");
      } else if (cs.getWaiting() != null) {
        reason = Convert.str(cs.getWaiting().getReason());
      }
      if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
        last = Convert.str(s.getLastState().getTerminated().getReason());
      }
      restarts = s.getRestartCount() == null ? 0 : s.getRestartCount();
      id = Convert.str(s.getContainerID());
    }
    return new ContainerInfo(
        Convert.str(c.getName()),
        Convert.str(c.getImage()),
        init,
        new Resources(Demand.amounts(c, false)),
        new Resources(Demand.amounts(c, true)),
        id,
        state,
        reason,
        started,
        finished,
        restarts,
        exit,
        last);
  }
}
