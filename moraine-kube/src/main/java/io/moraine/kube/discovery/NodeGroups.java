package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.PREFIX;
import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The {@code node} role: one target per node at its kubelet port. */
final class NodeGroups {
  static final String NAME = PREFIX + "node_name";
  static final String PROVIDER_ID = PREFIX + "node_provider_id";
  static final String ADDRESS_PREFIX = PREFIX + "node_address_";

  /** Address types by preference, as Kubernetes' own node address choice. */
  private static final List<String> PREFERENCE =
      List.of("InternalIP", "InternalDNS", "ExternalIP", "ExternalDNS", "LegacyHostIP", "Hostname");

  private NodeGroups() {}

  static String source(String name) {
    return "node/" + name;
  }

  /** The node's group, or null when it has no address (Prometheus then sends nothing). */
  static @Nullable TargetGroup build(Node node) {
    var meta = node.getMetadata();
    String name = orEmpty(meta.getName());
    Labels.Builder group = Labels.builder();
    group.add(NAME, name);
    group.add(PROVIDER_ID, node.getSpec() == null ? "" : orEmpty(node.getSpec().getProviderID()));
    MetaLabels.addAll(
        group, PREFIX + "node_label_", PREFIX + "node_labelpresent_", meta.getLabels());
    MetaLabels.addAll(
        group,
        PREFIX + "node_annotation_",
        PREFIX + "node_annotationpresent_",
        meta.getAnnotations());

    NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
    Map<String, String> firstByType = new LinkedHashMap<>();
    for (NodeAddress a : orEmpty(status.getAddresses())) {
      firstByType.putIfAbsent(orEmpty(a.getType()), orEmpty(a.getAddress()));
    }
    String address = null;
    for (String type : PREFERENCE) {
      address = firstByType.get(type);
      if (address != null) {
        break;
      }
    }
    if (address == null) {
      return null;
    }
    Labels.Builder target = Labels.builder();
    target.add(MetaLabels.ADDRESS, MetaLabels.joinHostPort(address, kubeletPort(status)));
    target.add(MetaLabels.INSTANCE, name);
    firstByType.forEach((type, a) -> target.add(MetaLabels.sanitize(ADDRESS_PREFIX + type), a));
    return new TargetGroup(source(name), List.of(target.build()), group.build());
  }

  private static int kubeletPort(NodeStatus status) {
    var endpoints = status.getDaemonEndpoints();
    if (endpoints == null || endpoints.getKubeletEndpoint() == null) {
      return 0;
    }
    Integer port = endpoints.getKubeletEndpoint().getPort();
    return port == null ? 0 : port;
  }
}
