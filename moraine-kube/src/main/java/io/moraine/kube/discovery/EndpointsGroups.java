package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.PREFIX;
import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.kube.client.ResourceCache;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code endpoints} role: a target per address and port of each subset (ready and not ready),
 * with the labels of the service of the same name and of the pod an address points to.
 */
final class EndpointsGroups {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointsGroups.class);

  private static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

  static final String NAME = PREFIX + "endpoints_name";
  static final String NODE_NAME = PREFIX + "endpoint_node_name";
  static final String HOSTNAME = PREFIX + "endpoint_hostname";
  static final String READY = PREFIX + "endpoint_ready";
  static final String PORT_NAME = PREFIX + "endpoint_port_name";
  static final String PORT_PROTOCOL = PREFIX + "endpoint_port_protocol";
  static final String TARGET_KIND = PREFIX + "endpoint_address_target_kind";
  static final String TARGET_NAME = PREFIX + "endpoint_address_target_name";

  private EndpointsGroups() {}

  static String source(String namespace, String name) {
    return "endpoints/" + namespace + "/" + name;
  }

  /** Whether an address (ready or not) of {@code eps} is on node {@code node}. */
  static boolean runsOn(Endpoints eps, String node) {
    for (EndpointSubset ss : orEmpty(eps.getSubsets())) {
      for (EndpointAddress a : orEmpty(ss.getAddresses())) {
        if (node.equals(a.getNodeName())) {
          return true;
        }
      }
      for (EndpointAddress a : orEmpty(ss.getNotReadyAddresses())) {
        if (node.equals(a.getNodeName())) {
          return true;
        }
      }
    }
    return false;
  }

  static TargetGroup build(
      Endpoints eps, ResourceCache<Service> services, ResourceCache<Pod> pods, NodeMetadata nodes) {
    var meta = eps.getMetadata();
    String ns = orEmpty(meta.getNamespace());
    String name = orEmpty(meta.getName());
    Labels.Builder group = Labels.builder().add(MetaLabels.NAMESPACE, ns).add(NAME, name);
    Service svc = services.get(ns, name);
    if (svc != null) {
      ServiceGroups.addLabels(group, svc);
    }
    MetaLabels.addAll(
        group, PREFIX + "endpoints_label_", PREFIX + "endpoints_labelpresent_", meta.getLabels());

    BackingPods backing = new BackingPods(pods);
    List<Labels> targets = new ArrayList<>();
    for (EndpointSubset ss : orEmpty(eps.getSubsets())) {
      for (EndpointPort port : orEmpty(ss.getPorts())) {
        for (EndpointAddress a : orEmpty(ss.getAddresses())) {
          targets.add(target(a, port, "true", backing, nodes));
        }
        for (EndpointAddress a : orEmpty(ss.getNotReadyAddresses())) {
          targets.add(target(a, port, "false", backing, nodes));
        }
      }
    }
    String capacity = meta.getLabels() == null ? null : meta.getLabels().get(OVER_CAPACITY);
    if ("truncated".equals(capacity) || "warning".equals(capacity)) {
      LOG.atWarn()
          .addKeyValue("endpoint", name)
          .log("Number of endpoints in one Endpoints object exceeds 1000, use role endpointslice");
    }
    backing.addUncoveredPorts(targets);
    return new TargetGroup(source(ns, name), targets, group.build());
  }

  private static Labels target(
      EndpointAddress a, EndpointPort port, String ready, BackingPods backing, NodeMetadata nodes) {
    int number = port.getPort() == null ? 0 : port.getPort();
    String protocol = orEmpty(port.getProtocol());
    Labels.Builder t =
        Labels.builder()
            .add(MetaLabels.ADDRESS, MetaLabels.joinHostPort(orEmpty(a.getIp()), number))
            .add(PORT_NAME, orEmpty(port.getName()))
            .add(PORT_PROTOCOL, protocol)
            .add(READY, ready);
    if (a.getTargetRef() != null) {
      t.add(TARGET_KIND, orEmpty(a.getTargetRef().getKind()));
      t.add(TARGET_NAME, orEmpty(a.getTargetRef().getName()));
    }
    if (a.getNodeName() != null) {
      t.add(NODE_NAME, a.getNodeName());
    }
    if (a.getHostname() != null && !a.getHostname().isEmpty()) {
      t.add(HOSTNAME, a.getHostname());
    }
    nodes.add(t, a.getNodeName());
    Pod pod = backing.resolve(a.getTargetRef());
    if (pod != null) {
      backing.describe(t, pod, number, protocol, true);
    }
    return t.build();
  }
}
