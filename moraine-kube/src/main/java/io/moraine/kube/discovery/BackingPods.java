package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.moraine.core.labels.Labels;
import io.moraine.kube.client.ResourceCache;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pods behind the addresses of one endpoints or endpointslice object, in order of first use,
 * with the ports the object already covers; afterwards a target for every other declared container
 * port of each, as Prometheus adds them. Not thread-safe: one per group built.
 */
final class BackingPods {
  private final ResourceCache<Pod> pods;
  private final Map<String, Entry> seen = new LinkedHashMap<>();

  private record Entry(Pod pod, Set<Integer> ports) {}

  BackingPods(ResourceCache<Pod> pods) {
    this.pods = pods;
  }

  /** The pod {@code ref} points to, when it is a known pod. */
  @Nullable Pod resolve(@Nullable ObjectReference ref) {
    if (ref == null || !"Pod".equals(ref.getKind())) {
      return null;
    }
    return pods.get(orEmpty(ref.getNamespace()), orEmpty(ref.getName()));
  }

  /**
   * Adds the pod's labels to {@code target} and the container labels of the container declaring
   * {@code port} (null: the object's port has no number), and records the port as covered.
   *
   * @param protocolFromEndpoint the container port protocol label comes from the endpoint port (as
   *     Prometheus's endpoints role) rather than the container port (endpointslice role)
   */
  void describe(
      Labels.Builder target,
      Pod pod,
      @Nullable Integer port,
      String endpointProtocol,
      boolean protocolFromEndpoint) {
    var meta = pod.getMetadata();
    Entry e =
        seen.computeIfAbsent(
            orEmpty(meta.getNamespace()) + "/" + orEmpty(meta.getName()),
            k -> new Entry(pod, new HashSet<>()));
    PodLabels.add(target, pod);
    if (port == null) {
      return;
    }
    e.ports().add(port);
    for (Container c : orEmpty(PodLabels.spec(pod).getContainers())) {
      for (ContainerPort cp : orEmpty(c.getPorts())) {
        if (port.equals(cp.getContainerPort())) {
          target
              .add(PodLabels.CONTAINER_NAME, orEmpty(c.getName()))
              .add(PodLabels.CONTAINER_IMAGE, orEmpty(c.getImage()))
              .add(PodLabels.CONTAINER_PORT_NAME, orEmpty(cp.getName()))
              .add(PodLabels.CONTAINER_PORT_NUMBER, port.toString())
              .add(
                  PodLabels.CONTAINER_PORT_PROTOCOL,
                  protocolFromEndpoint ? endpointProtocol : orEmpty(cp.getProtocol()));
          break;
        }
      }
    }
  }

  /** Adds a target for each container port of a seen pod that no address covered. */
  void addUncoveredPorts(List<Labels> targets) {
    for (Entry e : seen.values()) {
      String ip = orEmpty(PodLabels.status(e.pod()).getPodIP());
      for (Container c : orEmpty(PodLabels.spec(e.pod()).getContainers())) {
        for (ContainerPort cp : orEmpty(c.getPorts())) {
          int port = cp.getContainerPort() == null ? 0 : cp.getContainerPort();
          if (e.ports().contains(port)) {
            continue;
          }
          Labels.Builder t =
              Labels.builder()
                  .add(MetaLabels.ADDRESS, MetaLabels.joinHostPort(ip, port))
                  .add(PodLabels.CONTAINER_NAME, orEmpty(c.getName()))
                  .add(PodLabels.CONTAINER_IMAGE, orEmpty(c.getImage()))
                  .add(PodLabels.CONTAINER_PORT_NAME, orEmpty(cp.getName()))
                  .add(PodLabels.CONTAINER_PORT_NUMBER, Integer.toString(port))
                  .add(PodLabels.CONTAINER_PORT_PROTOCOL, orEmpty(cp.getProtocol()));
          PodLabels.add(t, e.pod());
          targets.add(t.build());
        }
      }
    }
  }
}
