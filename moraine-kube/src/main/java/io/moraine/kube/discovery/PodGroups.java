package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pod} role: a target per declared container port, or one per container without ports at
 * the bare pod IP; init containers too, flagged. A pod without an IP has no targets.
 */
final class PodGroups {
  private PodGroups() {}

  static String source(String namespace, String name) {
    return "pod/" + namespace + "/" + name;
  }

  /** Whether the pod is scheduled on node {@code node}. */
  static boolean runsOn(Pod pod, String node) {
    return node.equals(PodLabels.spec(pod).getNodeName());
  }

  /** The pod's group, with its node's metadata when {@code nodes} attaches it. */
  static TargetGroup build(Pod pod, NodeMetadata nodes) {
    var meta = pod.getMetadata();
    String source = source(orEmpty(meta.getNamespace()), orEmpty(meta.getName()));
    PodStatus status = PodLabels.status(pod);
    String ip = orEmpty(status.getPodIP());
    if (ip.isEmpty()) {
      return TargetGroup.empty(source);
    }
    Labels.Builder group = Labels.builder();
    PodLabels.add(group, pod);
    group.add(MetaLabels.NAMESPACE, orEmpty(meta.getNamespace()));
    nodes.add(group, orEmpty(PodLabels.spec(pod).getNodeName()));

    PodSpec spec = PodLabels.spec(pod);
    List<Labels> targets = new ArrayList<>();
    for (Container c : orEmpty(spec.getContainers())) {
      addContainer(targets, ip, c, orEmpty(status.getContainerStatuses()), false);
    }
    for (Container c : orEmpty(spec.getInitContainers())) {
      addContainer(targets, ip, c, orEmpty(status.getInitContainerStatuses()), true);
    }
    return new TargetGroup(source, targets, group.build());
  }

  private static void addContainer(
      List<Labels> targets, String ip, Container c, List<ContainerStatus> statuses, boolean init) {
    String id = "";
    for (ContainerStatus s : statuses) {
      if (orEmpty(c.getName()).equals(s.getName())) {
        id = orEmpty(s.getContainerID());
        break;
      }
    }
    List<ContainerPort> ports = orEmpty(c.getPorts());
    if (ports.isEmpty()) {
      targets.add(container(c, id, init).add(MetaLabels.ADDRESS, ip).build());
      return;
    }
    for (ContainerPort p : ports) {
      int port = p.getContainerPort() == null ? 0 : p.getContainerPort();
      targets.add(
          container(c, id, init)
              .add(MetaLabels.ADDRESS, MetaLabels.joinHostPort(ip, port))
              .add(PodLabels.CONTAINER_PORT_NUMBER, Integer.toString(port))
              .add(PodLabels.CONTAINER_PORT_NAME, orEmpty(p.getName()))
              .add(PodLabels.CONTAINER_PORT_PROTOCOL, orEmpty(p.getProtocol()))
              .build());
    }
  }

  private static Labels.Builder container(Container c, String id, boolean init) {
    return Labels.builder()
        .add(PodLabels.CONTAINER_NAME, orEmpty(c.getName()))
        .add(PodLabels.CONTAINER_ID, id)
        .add(PodLabels.CONTAINER_IMAGE, orEmpty(c.getImage()))
        .add(PodLabels.CONTAINER_INIT, MetaLabels.bool(init));
  }
}
