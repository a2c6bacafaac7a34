package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.PREFIX;
import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.kube.client.ResourceCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code endpointslice} role (discovery.k8s.io/v1): a target per endpoint address and port,
 * with the labels of the service named by {@code kubernetes.io/service-name} and of the pod an
 * endpoint points to. A port without a number gives the bare address.
 */
final class EndpointSliceGroups {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  static final String NAME = PREFIX + "endpointslice_name";
  static final String ADDRESS_TYPE = PREFIX + "endpointslice_address_type";
  static final String PORT_NAME = PREFIX + "endpointslice_port_name";
  static final String PORT_PROTOCOL = PREFIX + "endpointslice_port_protocol";
  static final String PORT = PREFIX + "endpointslice_port";
  static final String PORT_APP_PROTOCOL = PREFIX + "endpointslice_port_app_protocol";
  static final String READY = PREFIX + "endpointslice_endpoint_conditions_ready";
  static final String SERVING = PREFIX + "endpointslice_endpoint_conditions_serving";
  static final String TERMINATING = PREFIX + "endpointslice_endpoint_conditions_terminating";
  static final String HOSTNAME = PREFIX + "endpointslice_endpoint_hostname";
  static final String TARGET_KIND = PREFIX + "endpointslice_address_target_kind";
  static final String TARGET_NAME = PREFIX + "endpointslice_address_target_name";
  static final String TOPOLOGY = PREFIX + "endpointslice_endpoint_topology_";
  static final String TOPOLOGY_PRESENT = PREFIX + "endpointslice_endpoint_topology_present_";

  private EndpointSliceGroups() {}

  static String source(String namespace, String name) {
    return "endpointslice/" + namespace + "/" + name;
  }

  /** The name of the slice's service, or null when it has no service-name label. */
  static @Nullable String serviceName(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    return labels == null ? null : labels.get(SERVICE_NAME_LABEL);
  }

  /** Whether an endpoint of {@code slice} is on node {@code node}. */
  static boolean runsOn(EndpointSlice slice, String node) {
    for (Endpoint ep : orEmpty(slice.getEndpoints())) {
      if (node.equals(ep.getNodeName())) {
        return true;
      }
    }
    return false;
  }

  static TargetGroup build(
      EndpointSlice slice,
      ResourceCache<Service> services,
      ResourceCache<Pod> pods,
      NodeMetadata nodes) {
    var meta = slice.getMetadata();
    String ns = orEmpty(meta.getNamespace());
    String name = orEmpty(meta.getName());
    Labels.Builder group =
        Labels.builder()
            .add(MetaLabels.NAMESPACE, ns)
            .add(NAME, name)
            .add(ADDRESS_TYPE, orEmpty(slice.getAddressType()));
    String svcName = serviceName(slice);
    Service svc = svcName == null ? null : services.get(ns, svcName);
    if (svc != null) {
      ServiceGroups.addLabels(group, svc);
    }
    BackingPods backing = new BackingPods(pods);
    List<Labels> targets = new ArrayList<>();
    for (Endpoint ep : orEmpty(slice.getEndpoints())) {
      for (EndpointPort port : orEmpty(slice.getPorts())) {
        for (String addr : orEmpty(ep.getAddresses())) {
          targets.add(target(addr, ep, port, backing, nodes));
        }
      }
    }
    backing.addUncoveredPorts(targets);
    return new TargetGroup(source(ns, name), targets, group.build());
  }

  private static Labels target(
      String addr, Endpoint ep, EndpointPort port, BackingPods backing, NodeMetadata nodes) {
    Integer number = port.getPort();
    Labels.Builder t =
        Labels.builder()
            .add(MetaLabels.ADDRESS, number == null ? addr : MetaLabels.joinHostPort(addr, number));
    if (port.getName() != null) {
      t.add(PORT_NAME, port.getName());
    }
    if (port.getProtocol() != null) {
      t.add(PORT_PROTOCOL, port.getProtocol());
    }
    if (number != null) {
      t.add(PORT, number.toString());
    }
    if (port.getAppProtocol() != null) {
      t.add(PORT_APP_PROTOCOL, port.getAppProtocol());
    }
    EndpointConditions c = ep.getConditions();
    if (c != null) {
      condition(t, READY, c.getReady());
      condition(t, SERVING, c.getServing());
      condition(t, TERMINATING, c.getTerminating());
    }
    if (ep.getHostname() != null) {
      t.add(HOSTNAME, ep.getHostname());
    }
    if (ep.getTargetRef() != null) {
      t.add(TARGET_KIND, orEmpty(ep.getTargetRef().getKind()));
      t.add(TARGET_NAME, orEmpty(ep.getTargetRef().getName()));
    }
    MetaLabels.addAll(t, TOPOLOGY, TOPOLOGY_PRESENT, ep.getDeprecatedTopology());
    nodes.add(t, ep.getNodeName());
    Pod pod = backing.resolve(ep.getTargetRef());
    if (pod != null) {
      backing.describe(t, pod, number, "", false);
    }
    return t.build();
  }

  private static void condition(Labels.Builder t, String name, @Nullable Boolean value) {
    if (value != null) {
      t.add(name, MetaLabels.bool(value));
    }
  }
}
