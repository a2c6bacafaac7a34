package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.EventInfo;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.PvcInfo;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The site as the informers told it: the current records per kind, owner chains resolved through
 * the known workloads, and the changes each informer event makes (upserts, removals, lifecycle
 * events, kept Events). A pod whose owner arrives later is told again with its new workload.
 *
 * <p>Not thread-safe: used by the watcher's dispatch thread only.
 */
final class Model {
  /** The Event reasons kept (the rest are dropped). */
  static final Set<String> KEPT_REASONS =
      Set.of(
          "OOMKilled",
          "OOMKilling",
          "Evicted",
          "FailedScheduling",
          "BackOff",
          "Killing",
          "FailedMount",
          "NodeNotReady");

  private static final int MAX_OWNER_DEPTH = 8;

  private final SiteInfo site;
  private final Lifecycles lifecycles = new Lifecycles();
  private final Table<NodeInfo> nodes = new Table<>();
  private final Table<WorkloadInfo> workloads = new Table<>();
  private final Table<PodInfo> pods = new Table<>();
  private final Table<NamespaceInfo> namespaces = new Table<>();
  private final Table<PvcInfo> pvcs = new Table<>();
  private final Map<String, EventInfo> events = new HashMap<>();
  private @Nullable ClusterState snapshot;

  Model(SiteInfo site) {
    this.site = site;
  }

  /** The current state; the same instance until the next change. */
  ClusterState state() {
    ClusterState s = snapshot;
    if (s == null) {
      s =
          new ClusterState(
              site,
              nodes.frozen(),
              workloads.frozen(),
              pods.frozen(),
              namespaces.frozen(),
              pvcs.frozen());
      snapshot = s;
    }
    return s;
  }

  /** The changes {@code o} (added or updated) makes, in order; empty when it changes nothing. */
  List<ModelChange> upsert(Kind kind, HasMetadata o, Instant now) {
    List<ModelChange> out = new ArrayList<>();
    switch (kind) {
      case NODE -> put(nodes, Convert.node((Node) o, now, null), NodeInfo::ref, out);
      case NAMESPACE ->
          put(namespaces, Convert.namespace((Namespace) o, now), NamespaceInfo::ref, out);
      case PVC -> put(pvcs, Convert.pvc((PersistentVolumeClaim) o, now), PvcInfo::ref, out);
      case POD -> upsertPod((Pod) o, now, out);
      case EVENT -> event((Event) o, now, out);
      default -> upsertWorkload(o, now, out);
    }
    return out;
  }

  /** The changes the deletion of {@code o} (its last value) makes, in order. */
  List<ModelChange> delete(Kind kind, HasMetadata o, Instant now) {
    List<ModelChange> out = new ArrayList<>();
    String key = key(kind, o);
    switch (kind) {
      case NODE -> removed(nodes, key, Convert.node((Node) o, now, now), NodeInfo::ref, out);
      case NAMESPACE ->
          removed(namespaces, key, Convert.namespace((Namespace) o, now), NamespaceInfo::ref, out);
      case PVC ->
          removed(pvcs, key, Convert.pvc((PersistentVolumeClaim) o, now), PvcInfo::ref, out);
      case EVENT -> events.remove(Convert.str(o.getMetadata().getUid()));
      case POD -> {
        Pod p = (Pod) o;
        PodInfo last = PodConvert.pod(p, top(Convert.controller(p)), now, now);
        PodInfo before = pods.get(key);
        removed(pods, key, last, PodInfo::ref, out);
        lifecycle(lifecycles.podRemoved(before, last, chain(last.owner()), now), out);
      }
      default -> {
        WorkloadInfo last = Objects.requireNonNull(WorkloadConvert.workload(o, now, now));
        removed(workloads, key, last, WorkloadInfo::ref, out);
        String reason = WorkloadConvert.failureReason(o);
        lifecycle(lifecycles.workloadRemoved(last, reason, now), out);
      }
    }
    return out;
  }

  private void upsertPod(Pod p, Instant now, List<ModelChange> out) {
    ObjectRef owner = Convert.controller(p);
    PodInfo info = PodConvert.pod(p, top(owner), now, null);
    PodInfo before = pods.get(info.ref().key());
    if (info.equals(before)) {
      return;
    }
    pods.put(info.ref().key(), info);
    snapshot = null;
    out.add(new ModelChange.Upserted(info.ref(), info));
    List<ObjectRef> chain = chain(owner);
    lifecycle(lifecycles.pod(before, info, chain, chain, now), out);
  }

  private void upsertWorkload(HasMetadata o, Instant now, List<ModelChange> out) {
    WorkloadInfo info = Objects.requireNonNull(WorkloadConvert.workload(o, now, null));
    String key = info.ref().key();
    WorkloadInfo before = workloads.get(key);
    if (info.equals(before)) {
      return;
    }
    boolean reresolve = before == null || !Objects.equals(before.owner(), info.owner());
    Map<String, List<ObjectRef>> chainsBefore =
        reresolve ? chains(info.ref().namespace()) : Map.of();
    workloads.put(key, info);
    snapshot = null;
    out.add(new ModelChange.Upserted(info.ref(), info));
    lifecycle(lifecycles.workload(info, WorkloadConvert.failureReason(o)), out);
    chainsBefore.forEach((podKey, chainBefore) -> reresolve(podKey, chainBefore, now, out));
  }

  /** Tells a pod again when its workload changed with the arrival of an owner. */
  private void reresolve(
      String podKey, List<ObjectRef> chainBefore, Instant now, List<ModelChange> out) {
    PodInfo p = Objects.requireNonNull(pods.get(podKey));
    ObjectRef top = top(p.owner());
    if (Objects.equals(top, p.workload())) {
      return;
    }
    PodInfo moved = withWorkload(p, top);
    pods.put(podKey, moved);
    snapshot = null;
    out.add(new ModelChange.Upserted(moved.ref(), moved));
    lifecycle(lifecycles.pod(p, moved, chain(p.owner()), chainBefore, now), out);
  }

  /** The owner chains of the pods of {@code namespace}, by pod key. */
  private Map<String, List<ObjectRef>> chains(String namespace) {
    Map<String, List<ObjectRef>> out = new HashMap<>();
    for (PodInfo p : pods.values()) {
      if (p.ref().namespace().equals(namespace) && p.owner() != null) {
        out.put(p.ref().key(), chain(p.owner()));
      }
    }
    return out;
  }

  private void event(Event e, Instant now, List<ModelChange> out) {
    if (!KEPT_REASONS.contains(Convert.str(e.getReason()))) {
      return;
    }
    EventInfo info = Convert.event(e, now);
    EventInfo before = events.put(Convert.str(e.getMetadata().getUid()), info);
    if (!info.equals(before)) {
      out.add(new ModelChange.Event(info));
    }
  }

  /** Each workload's earliest start among its current pods that have started. */
  Map<ObjectRef, Instant> earliestStarts() {
    Map<ObjectRef, Instant> out = new HashMap<>();
    for (PodInfo p : pods.values()) {
      Instant started = Lifecycles.started(p);
      if (started != null) {
        for (ObjectRef w : chain(p.owner())) {
          out.merge(w, started, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    return out;
  }

  /**
   * The workloads above {@code owner}, nearest first: each known workload's controller in turn, as
   * far as the chain stays among the workload kinds; an owner not seen yet ends it.
   */
  List<ObjectRef> chain(@Nullable ObjectRef owner) {
    List<ObjectRef> out = new ArrayList<>();
    ObjectRef cur = owner;
    while (cur != null
        && Kind.WORKLOAD_KINDS.contains(cur.kind())
        && out.size() < MAX_OWNER_DEPTH) {
      WorkloadInfo w = workloads.get(cur.key());
      if (w == null) {
        out.add(cur);
        break;
      }
      out.add(w.ref());
      cur = w.owner();
    }
    return out;
  }

  /** The top of {@code owner}'s chain, or null when it is no workload. */
  @Nullable ObjectRef top(@Nullable ObjectRef owner) {
    List<ObjectRef> c = chain(owner);
    return c.isEmpty() ? null : c.getLast();
  }

  private <V extends Record> void put(
      Table<V> table, V info, Function<V, ObjectRef> ref, List<ModelChange> out) {
    ObjectRef r = ref.apply(info);
    if (!info.equals(table.get(r.key()))) {
      table.put(r.key(), info);
      snapshot = null;
      out.add(new ModelChange.Upserted(r, info));
    }
  }

  private <V extends Record> void removed(
      Table<V> table, String key, V last, Function<V, ObjectRef> ref, List<ModelChange> out) {
    if (table.remove(key) != null) {
      snapshot = null;
      out.add(new ModelChange.Removed(ref.apply(last), last));
    }
  }

  private static void lifecycle(List<LifecycleEvent> events, List<ModelChange> out) {
    for (LifecycleEvent e : events) {
      out.add(new ModelChange.Lifecycle(e));
    }
  }

  /** The key under which the model keeps {@code o}: {@link ObjectRef#key()}. */
  private static String key(Kind kind, HasMetadata o) {
    String k =
        switch (kind) {
          case PVC -> "PersistentVolumeClaim";
          default -> o.getClass().getSimpleName();
        };
    return Convert.ref(k, o).key();
  }

  private static PodInfo withWorkload(PodInfo p, @Nullable ObjectRef workload) {
    return new PodInfo(
        p.ref(),
        p.labels(),
        p.annotations(),
        p.owner(),
        workload,
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
        p.pvcNames());
  }
}
