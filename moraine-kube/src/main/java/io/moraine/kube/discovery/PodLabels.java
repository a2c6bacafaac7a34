package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.PREFIX;
import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.moraine.core.labels.Labels;
import java.util.Locale;

/** The labels describing a pod, shared by the pod, endpoints and endpointslice roles. */
final class PodLabels {
  static final String NAME = PREFIX + "pod_name";
  static final String IP = PREFIX + "pod_ip";
  static final String CONTAINER_NAME = PREFIX + "pod_container_name";
  static final String CONTAINER_ID = PREFIX + "pod_container_id";
  static final String CONTAINER_IMAGE = PREFIX + "pod_container_image";
  static final String CONTAINER_PORT_NAME = PREFIX + "pod_container_port_name";
  static final String CONTAINER_PORT_NUMBER = PREFIX + "pod_container_port_number";
  static final String CONTAINER_PORT_PROTOCOL = PREFIX + "pod_container_port_protocol";
  static final String CONTAINER_INIT = PREFIX + "pod_container_init";
  static final String READY = PREFIX + "pod_ready";
  static final String PHASE = PREFIX + "pod_phase";
  static final String NODE_NAME = PREFIX + "pod_node_name";
  static final String HOST_IP = PREFIX + "pod_host_ip";
  static final String UID = PREFIX + "pod_uid";
  static final String CONTROLLER_KIND = PREFIX + "pod_controller_kind";
  static final String CONTROLLER_NAME = PREFIX + "pod_controller_name";

  private PodLabels() {}

  static PodStatus status(Pod pod) {
    return pod.getStatus() == null ? new PodStatus() : pod.getStatus();
  }

  static PodSpec spec(Pod pod) {
    return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
  }

  /** Adds the pod's labels (not its namespace) to {@code b}. */
  static void add(Labels.Builder b, Pod pod) {
    PodStatus status = status(pod);
    var meta = pod.getMetadata();
    b.add(NAME, orEmpty(meta.getName()))
        .add(IP, orEmpty(status.getPodIP()))
        .add(READY, ready(status))
        .add(PHASE, orEmpty(status.getPhase()))
        .add(NODE_NAME, orEmpty(spec(pod).getNodeName()))
        .add(HOST_IP, orEmpty(status.getHostIP()))
        .add(UID, orEmpty(meta.getUid()));
    for (OwnerReference ref : orEmpty(meta.getOwnerReferences())) {
      if (Boolean.TRUE.equals(ref.getController())) {
        b.add(CONTROLLER_KIND, orEmpty(ref.getKind()));
        b.add(CONTROLLER_NAME, orEmpty(ref.getName()));
        break;
      }
    }
    MetaLabels.addAll(b, PREFIX + "pod_label_", PREFIX + "pod_labelpresent_", meta.getLabels());
    MetaLabels.addAll(
        b, PREFIX + "pod_annotation_", PREFIX + "pod_annotationpresent_", meta.getAnnotations());
  }

  /** The status of the {@code Ready} condition in lower case, {@code unknown} without one. */
  private static String ready(PodStatus status) {
    for (PodCondition c : orEmpty(status.getConditions())) {
      if ("Ready".equals(c.getType())) {
        return orEmpty(c.getStatus()).toLowerCase(Locale.ROOT);
      }
    }
    return "unknown";
  }
}
