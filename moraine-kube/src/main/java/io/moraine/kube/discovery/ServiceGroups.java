package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.PREFIX;
import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/** The {@code service} role: a target per service port at {@code <name>.<ns>.svc:<port>}. */
final class ServiceGroups {
  static final String NAME = PREFIX + "service_name";
  static final String PORT_NAME = PREFIX + "service_port_name";
  static final String PORT_NUMBER = PREFIX + "service_port_number";
  static final String PORT_PROTOCOL = PREFIX + "service_port_protocol";
  static final String CLUSTER_IP = PREFIX + "service_cluster_ip";
  static final String LOADBALANCER_IP = PREFIX + "service_loadbalancer_ip";
  static final String EXTERNAL_NAME = PREFIX + "service_external_name";
  static final String TYPE = PREFIX + "service_type";

  private ServiceGroups() {}

  static String source(String namespace, String name) {
    return "svc/" + namespace + "/" + name;
  }

  /** The service's name, namespace, labels and annotations (group labels, also of endpoints). */
  static void addLabels(Labels.Builder b, Service svc) {
    var meta = svc.getMetadata();
    b.add(NAME, orEmpty(meta.getName()));
    b.add(MetaLabels.NAMESPACE, orEmpty(meta.getNamespace()));
    MetaLabels.addAll(
        b, PREFIX + "service_label_", PREFIX + "service_labelpresent_", meta.getLabels());
    MetaLabels.addAll(
        b,
        PREFIX + "service_annotation_",
        PREFIX + "service_annotationpresent_",
        meta.getAnnotations());
  }

  static TargetGroup build(Service svc) {
    var meta = svc.getMetadata();
    String name = orEmpty(meta.getName());
    String ns = orEmpty(meta.getNamespace());
    Labels.Builder group = Labels.builder();
    addLabels(group, svc);
    ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
    String type = orEmpty(spec.getType());
    List<Labels> targets = new ArrayList<>();
    for (ServicePort p : orEmpty(spec.getPorts())) {
      int port = p.getPort() == null ? 0 : p.getPort();
      Labels.Builder t =
          Labels.builder()
              .add(MetaLabels.ADDRESS, MetaLabels.joinHostPort(name + "." + ns + ".svc", port))
              .add(PORT_NAME, orEmpty(p.getName()))
              .add(PORT_NUMBER, Integer.toString(port))
              .add(PORT_PROTOCOL, orEmpty(p.getProtocol()))
              .add(TYPE, type);
      if ("ExternalName".equals(type)) {
        t.add(EXTERNAL_NAME, orEmpty(spec.getExternalName()));
      } else {
        t.add(CLUSTER_IP, orEmpty(spec.getClusterIP()));
      }
      if ("LoadBalancer".equals(type)) {
        t.add(LOADBALANCER_IP, orEmpty(spec.getLoadBalancerIP()));
      }
      targets.add(t.build());
    }
    return new TargetGroup(source(ns, name), targets, group.build());
  }
}
