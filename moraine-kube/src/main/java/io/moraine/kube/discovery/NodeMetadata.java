package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.PREFIX;

import io.fabric8.kubernetes.api.model.Node;
import io.moraine.core.labels.Labels;
import io.moraine.kube.client.ResourceCache;
import org.jspecify.annotations.Nullable;

/**
 * {@code attach_metadata: {node: true}}: the labels Prometheus 2.42 attaches for the node a pod
 * runs on, {@code __meta_kubernetes_node_name} and each node label as {@code
 * __meta_kubernetes_node_label_<name>} and {@code __meta_kubernetes_node_labelpresent_<name>} (not
 * the node's annotations). A node not (yet) known adds nothing. Thread-safe: reads the node cache.
 */
final class NodeMetadata {
  /** Attaches nothing: the option is off or the role does not support it. */
  static final NodeMetadata NONE = new NodeMetadata(null);

  private final @Nullable ResourceCache<Node> nodes;

  NodeMetadata(@Nullable ResourceCache<Node> nodes) {
    this.nodes = nodes;
  }

  /** Adds the metadata of node {@code nodeName} to {@code b}; nothing for a null name. */
  void add(Labels.Builder b, @Nullable String nodeName) {
    if (nodes == null || nodeName == null) {
      return;
    }
    Node node = nodes.get("", nodeName);
    if (node == null) {
      return;
    }
    b.add(NodeGroups.NAME, nodeName);
    MetaLabels.addAll(
        b, PREFIX + "node_label_", PREFIX + "node_labelpresent_", node.getMetadata().getLabels());
  }
}
