package io.moraine.graph.render;

import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/**
 * A node's state graph: identity, labels, platform (architecture, OS, kernel, kubelet, runtime),
 * its CPU, RAM, storage, network and GPU sub-resources with capacity and allocatable and their
 * units, the NIC speed, conditions, status and the link to its telemetry.
 */
final class NodeView {
  private final Iris iris;

  NodeView(Iris iris) {
    this.iris = iris;
  }

  Graph render(NodeInfo n) {
    Emit e = new Emit();
    ObjectRef ref = n.ref();
    Node node = iris.entity(ref);
    e.type(node, Vocab.K8s.NODE);
    Common.identity(e, iris, node, ref, n.createdAt());
    e.pairs(node, n.labels(), true);
    e.add(node, Vocab.Glc.IS_LOCATED_IN, iris.site());
    e.text(node, Vocab.K8s.HAS_ARCHITECTURE, n.architecture());
    e.text(node, Vocab.Mor.OPERATING_SYSTEM, n.operatingSystem());
    e.text(node, Vocab.Mor.OS_IMAGE, n.osImage());
    e.text(node, Vocab.Mor.KERNEL_VERSION, n.kernelVersion());
    e.text(node, Vocab.K8s.HAS_SOFTWARE_VERSION, n.kubeletVersion());
    e.text(node, Vocab.Mor.CONTAINER_RUNTIME, n.containerRuntimeVersion());
    e.text(node, Vocab.Mor.PROVIDER_ID, n.providerId());
    e.bool(node, Vocab.Mor.UNSCHEDULABLE, n.unschedulable());
    for (Map.Entry<String, String> c : n.conditions().entrySet()) {
      e.text(node, Vocab.Mor.CONDITION, c.getKey() + "=" + c.getValue());
    }

    part(e, n, node, "cpu", Vocab.K8s.CPU, "cpu");
    part(e, n, node, "ram", Vocab.K8s.RAM, "memory");
    part(e, n, node, "storage", Vocab.K8s.STORAGE, "ephemeral-storage");
    Node net = Iris.under(node, "network");
    e.add(node, Vocab.Glc.HAS_SUB_RESOURCE, net);
    e.type(net, Vocab.K8s.NETWORK);
    e.text(net, Vocab.K8s.HAS_HOST_NAME, ref.name());
    e.text(net, Vocab.K8s.HAS_NETWORK_IP, n.internalIp());
    if (Double.isFinite(n.nicSpeedBitsPerSecond())) {
      e.number(net, Vocab.Mor.NIC_SPEED, n.nicSpeedBitsPerSecond());
      e.add(net, Vocab.Glc.MEASURED_IN, Vocab.Unit.BIT_PER_SEC);
    }
    if (n.gpuCount() > 0) {
      String gpuResource = gpuResource(n);
      Node gpu = part(e, n, node, "gpu", Vocab.K8s.GPU, gpuResource);
      e.text(gpu, Vocab.Mor.GPU_MODEL, n.gpuModel());
    }

    String ready =
        switch (n.ready()) {
          case "True" -> "Ready";
          case "False" -> "NotReady";
          default -> "Unknown";
        };
    e.status(node, ready, n.readySince(), n.deletedAt());
    e.add(node, Vocab.Mor.HAS_TELEMETRY, TelemetryView.telemetryOf(node));
    return e.graph();
  }

  private static String gpuResource(NodeInfo n) {
    for (String r : n.allocatable().amounts().keySet()) {
      if (r.endsWith("/gpu")) {
        return r;
      }
    }
    return "nvidia.com/gpu";
  }

  private static Node part(Emit e, NodeInfo n, Node node, String seg, Node cls, String resource) {
    Node part = Iris.under(node, seg);
    e.add(node, Vocab.Glc.HAS_SUB_RESOURCE, part);
    e.type(part, cls);
    e.text(part, Vocab.Mor.RESOURCE, resource);
    e.number(part, Vocab.Mor.CAPACITY, n.capacity().get(resource));
    e.number(part, Vocab.Mor.ALLOCATABLE, n.allocatable().get(resource));
    e.add(part, Vocab.Glc.MEASURED_IN, Common.unitOf(resource));
    return part;
  }
}
