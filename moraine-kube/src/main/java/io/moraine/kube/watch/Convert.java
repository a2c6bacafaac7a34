package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.moraine.kube.model.EventInfo;
import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PvcInfo;
import io.moraine.kube.model.Resources;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8 objects to Moraine's model records: nodes, namespaces, PVCs, Events, and the metadata
 * helpers every conversion shares. Pods are in {@link PodConvert}, controllers in {@link
 * WorkloadConvert}. Stateless; a malformed quantity or time gives an IllegalArgumentException
 * naming the field.
 */
final class Convert {
  /** The label or annotation that gives a node's NIC speed in bits per second (a quantity). */
  static final String NIC_SPEED = "moraine.io/nic-speed-bps";

  static final String GPU_PRODUCT = "nvidia.com/gpu.product";

  private static final Logger LOG = LoggerFactory.getLogger(Convert.class);

  private Convert() {}

  /** {@code n} as a record; {@code removedAt} is when the watch reported it deleted, or null. */
  static NodeInfo node(Node n, Instant now, @Nullable Instant removedAt) {
    ObjectMeta m = n.getMetadata();
    NodeStatus st = n.getStatus() == null ? new NodeStatus() : n.getStatus();
    NodeSystemInfo si = st.getNodeInfo() == null ? new NodeSystemInfo() : st.getNodeInfo();
    NodeSpec spec = n.getSpec() == null ? new NodeSpec() : n.getSpec();
    Map<String, String> conditions = new TreeMap<>();
    Instant readySince = null;
    for (NodeCondition c : list(st.getConditions())) {
      conditions.put(str(c.getType()), str(c.getStatus()));
      if ("Ready".equals(c.getType())) {
        readySince = Times.parse(c.getLastTransitionTime(), "Ready lastTransitionTime");
      }
    }
    String ip = "";
    for (NodeAddress a : list(st.getAddresses())) {
      if ("InternalIP".equals(a.getType()) && ip.isEmpty()) {
        ip = str(a.getAddress());
      }
    }
    Resources allocatable = resources(st.getAllocatable(), "allocatable");
    double gpus = allocatable.get("nvidia.com/gpu");
    if (Double.isNaN(gpus)) {
      gpus = allocatable.get("amd.com/gpu");
    }
    Map<String, String> labels = map(m.getLabels());
    Map<String, String> annotations = map(m.getAnnotations());
    String nic = labels.getOrDefault(NIC_SPEED, annotations.get(NIC_SPEED));
    return new NodeInfo(
        ref("Node", n),
        labels,
        annotations,
        resources(st.getCapacity(), "capacity"),
        allocatable,
        str(si.getArchitecture()),
        str(si.getOperatingSystem()),
        str(si.getOsImage()),
        str(si.getKernelVersion()),
        str(si.getKubeletVersion()),
        str(si.getContainerRuntimeVersion()),
        ip,
        str(spec.getProviderID()),
        Boolean.TRUE.equals(spec.getUnschedulable()),
        conditions,
        readySince,
        Double.isNaN(gpus) ? 0 : (int) gpus,
        labels.getOrDefault(GPU_PRODUCT, ""),
        nicSpeed(nic, m),
        created(m, now),
        removedAt);
  }

  /** The NIC speed text as a number, NaN when absent or malformed (then logged). */
  private static double nicSpeed(@Nullable String text, ObjectMeta m) {
    if (text == null) {
      return Double.NaN;
    }
    try {
      return Quantities.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.atWarn()
          .addKeyValue("node", m.getName())
          .addKeyValue("err", e.getMessage())
          .log("ignoring the node's " + NIC_SPEED);
      return Double.NaN;
    }
  }

  static NamespaceInfo namespace(Namespace ns, Instant now) {
    ObjectMeta m = ns.getMetadata();
    String phase = ns.getStatus() == null ? "" : str(ns.getStatus().getPhase());
    return new NamespaceInfo(
        ref("Namespace", ns), map(m.getLabels()), map(m.getAnnotations()), phase, created(m, now));
  }

  static PvcInfo pvc(PersistentVolumeClaim c, Instant now) {
    PersistentVolumeClaimSpec spec =
        c.getSpec() == null ? new PersistentVolumeClaimSpec() : c.getSpec();
    PersistentVolumeClaimStatus st =
        c.getStatus() == null ? new PersistentVolumeClaimStatus() : c.getStatus();
    Map<String, Quantity> requested =
        spec.getResources() == null ? null : spec.getResources().getRequests();
    return new PvcInfo(
        ref("PersistentVolumeClaim", c),
        str(spec.getStorageClassName()),
        resources(requested, "spec.resources.requests").get("storage"),
        resources(st.getCapacity(), "status.capacity").get("storage"),
        str(st.getPhase()),
        str(spec.getVolumeName()),
        created(c.getMetadata(), now));
  }

  static EventInfo event(Event e, Instant now) {
    ObjectReference o =
        e.getInvolvedObject() == null ? new ObjectReference() : e.getInvolvedObject();
    Instant at = Times.parse(e.getLastTimestamp(), "lastTimestamp");
    MicroTime series = e.getSeries() == null ? null : e.getSeries().getLastObservedTime();
    if (series != null) {
      at = Times.max(at, Times.parse(series.getTime(), "series.lastObservedTime"));
    }
    MicroTime eventTime = e.getEventTime();
    if (at == null && eventTime != null) {
      at = Times.parse(eventTime.getTime(), "eventTime");
    }
    int count = e.getCount() != null ? e.getCount() : 1;
    if (e.getSeries() != null && e.getSeries().getCount() != null) {
      count = Math.max(count, e.getSeries().getCount());
    }
    return new EventInfo(
        ref("Event", e),
        new ObjectRef(str(o.getKind()), str(o.getNamespace()), str(o.getName()), str(o.getUid())),
        str(e.getType()),
        str(e.getReason()),
        str(e.getMessage()),
        count,
        at != null ? at : created(e.getMetadata(), now));
  }

  /** {@code kind}, namespace, name and uid of {@code o}. */
  static ObjectRef ref(String kind, HasMetadata o) {
    ObjectMeta m = o.getMetadata();
    return new ObjectRef(kind, str(m.getNamespace()), str(m.getName()), str(m.getUid()));
  }

  /** The controller among {@code o}'s ownerReferences (in {@code o}'s namespace), or null. */
  static @Nullable ObjectRef controller(HasMetadata o) {
    for (OwnerReference r : list(o.getMetadata().getOwnerReferences())) {
      if (Boolean.TRUE.equals(r.getController())) {
        return new ObjectRef(
            str(r.getKind()),
            str(o.getMetadata().getNamespace()),
            str(r.getName()),
            str(r.getUid()));
      }
    }
    return null;
  }

  /** The creationTimestamp, or {@code now} when the server gave none. */
  static Instant created(ObjectMeta m, Instant now) {
    Instant t = Times.parse(m.getCreationTimestamp(), "metadata.creationTimestamp");
    return t == null ? now : t;
  }

  static Resources resources(@Nullable Map<String, Quantity> amounts, String field) {
    if (amounts == null || amounts.isEmpty()) {
      return Resources.NONE;
    }
    Map<String, Double> out = new HashMap<>();
    amounts.forEach((r, q) -> out.put(r, quantity(q, field + " " + r)));
    return new Resources(out);
  }

  static double quantity(Quantity q, String field) {
    String text = q.getFormat() == null ? q.getAmount() : q.getAmount() + q.getFormat();
    try {
      return Quantities.parse(String.valueOf(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  static Map<String, String> map(@Nullable Map<String, String> m) {
    return m == null ? Map.of() : Map.copyOf(m);
  }

  static <T> List<T> list(@Nullable List<T> l) {
    return l == null ? List.of() : l;
  }

  static String str(@Nullable String s) {
    return s == null ? "" : s;
  }
}
