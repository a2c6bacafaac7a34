package io.moraine.graph.legacy;

import static io.moraine.graph.legacy.LegacyVocabulary.*;

import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.SiteInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster, its nodes with their sub-resources, allocatable capacity and measurements. */
final class NodePart {
  private static final Logger LOG = LoggerFactory.getLogger(NodePart.class);
  static final String ENERGY_INDEX_ANNOTATION = "glaciation-project.eu/node-energy-index";

  /** A node sub-resource: its IRI suffix, description, allocatable resource, unit and source. */
  private record Sub(String suffix, String description, String resource, String unit, String src) {}

  private static final List<Sub> SUBS =
      List.of(
          new Sub("CPU", "CPU", "cpu", "Core", RESOURCE_SPECIFICATION),
          new Sub("GPU", "GPU", "nvidia.com/gpu", "Count", NVIDIA_PLUGIN),
          new Sub("Network", "Network", "", "", ""),
          new Sub("RAM", "RAM", "memory", "Bytes", RESOURCE_SPECIFICATION),
          new Sub(
              "Storage", "EphemeralStorage", "ephemeral-storage", "Bytes", RESOURCE_SPECIFICATION));

  private NodePart() {}

  static Node node(LegacyGraphBuilder b, String name) {
    return b.resource(b.cluster(name), WORK_PRODUCING_RESOURCE, "KubernetesWorkerNode");
  }

  /** The cluster resource with every live node as a sub-resource. */
  static void cluster(LegacyGraphBuilder b, SiteInfo site, Collection<NodeInfo> nodes) {
    Node cluster = b.resource(b.cluster(site.name()), WORK_PRODUCING_RESOURCE, "KubernetesCluster");
    for (NodeInfo n : nodes) {
      b.add(cluster, HAS_SUB_RESOURCE, node(b, n.ref().name()));
    }
  }

  /** A live node: status, sub-resources with allocatable capacity, energy index, measurements. */
  static void render(LegacyGraphBuilder b, NodeInfo n, List<LegacyMeasurement> measured) {
    Node node = node(b, n.ref().name());
    b.status(node, readiness(n.ready()), n.readySince(), null);
    long now = b.nowMillis();
    for (Sub s : SUBS) {
      Node sub =
          b.resource(
              LegacyGraphBuilder.child(node, s.suffix()), WORK_PRODUCING_RESOURCE, s.description());
      b.add(node, HAS_SUB_RESOURCE, sub);
      double amount = s.resource().isEmpty() ? Double.NaN : n.allocatable().get(s.resource());
      if (Double.isFinite(amount) && (amount > 0 || !"GPU".equals(s.suffix()))) {
        String property = s.suffix() + ".Capacity";
        Node m = LegacyGraphBuilder.child(sub, "Capacity." + now);
        b.measurement(sub, m, property, s.unit(), s.src(), amount, now, null);
      }
    }
    energyIndex(b, n, node, now);
    for (LegacyMeasurement lm : measured) {
      LegacyQuery q = lm.query();
      Node holder =
          q.subresource().isEmpty() ? node : LegacyGraphBuilder.child(node, q.subresource());
      Node m = LegacyGraphBuilder.child(holder, q.measurementId() + "." + lm.timestampMillis());
      b.measurement(
          holder,
          m,
          q.property(),
          q.unit(),
          q.source(),
          lm.value(),
          lm.timestampMillis(),
          q.aggregation());
    }
  }

  /** A node gone from the API: only its identity and an Unknown status closed at its deletion. */
  static void departed(LegacyGraphBuilder b, NodeInfo n) {
    Node node = node(b, n.ref().name());
    b.status(
        node,
        "Unknown",
        n.readySince(),
        n.deletedAt() != null ? n.deletedAt() : java.time.Instant.ofEpochMilli(b.nowMillis()));
  }

  private static void energyIndex(LegacyGraphBuilder b, NodeInfo n, Node node, long now) {
    String raw = n.annotations().get(ENERGY_INDEX_ANNOTATION);
    if (raw == null) {
      return;
    }
    double v;
    try {
      v = Quantity.parse(raw);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!Double.isFinite(v)) {
      LOG.atWarn()
          .addKeyValue("node", n.ref().name())
          .addKeyValue("annotation", ENERGY_INDEX_ANNOTATION)
          .addKeyValue("value", raw)
          .log("ignoring a node energy index that is not a number");
      return;
    }
    Node m = LegacyGraphBuilder.child(node, "Energy.Index." + now);
    b.measurement(node, m, "Energy.Index", "Milliwatt", RESOURCE_SPECIFICATION, v, now, null);
  }

  static String readiness(String ready) {
    return switch (ready) {
      case "True" -> "Ready";
      case "False" -> "NotReady";
      default -> "Unknown";
    };
  }

  static Map<String, NodeInfo> byName(Map<String, NodeInfo> nodes) {
    Map<String, NodeInfo> out = new java.util.TreeMap<>();
    for (NodeInfo n : nodes.values()) {
      out.put(n.ref().name(), n);
    }
    return out;
  }
}
