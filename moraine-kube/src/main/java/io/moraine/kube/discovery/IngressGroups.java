package io.moraine.kube.discovery;

import static io.moraine.kube.discovery.MetaLabels.PREFIX;
import static io.moraine.kube.discovery.MetaLabels.orEmpty;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ingress} role (networking.k8s.io/v1): a target per rule and path with the rule's host
 * as address. A rule without {@code http} has the one path {@code /}, an empty path is {@code /};
 * the scheme is {@code https} when a TLS entry lists the host or a wildcard matching it. The class
 * label comes from {@code spec.ingressClassName} only (absent without it), as in Prometheus 2.42.
 */
final class IngressGroups {
  static final String NAME = PREFIX + "ingress_name";
  static final String CLASS_NAME = PREFIX + "ingress_class_name";
  static final String SCHEME = PREFIX + "ingress_scheme";
  static final String HOST = PREFIX + "ingress_host";
  static final String PATH = PREFIX + "ingress_path";

  private IngressGroups() {}

  static String source(String namespace, String name) {
    return "ingress/" + namespace + "/" + name;
  }

  static TargetGroup build(Ingress ingress) {
    var meta = ingress.getMetadata();
    String ns = orEmpty(meta.getNamespace());
    String name = orEmpty(meta.getName());
    IngressSpec spec = ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
    Labels.Builder group = Labels.builder().add(NAME, name).add(MetaLabels.NAMESPACE, ns);
    if (spec.getIngressClassName() != null) {
      group.add(CLASS_NAME, spec.getIngressClassName());
    }
    MetaLabels.addAll(
        group, PREFIX + "ingress_label_", PREFIX + "ingress_labelpresent_", meta.getLabels());
    MetaLabels.addAll(
        group,
        PREFIX + "ingress_annotation_",
        PREFIX + "ingress_annotationpresent_",
        meta.getAnnotations());

    List<String> tlsHosts = new ArrayList<>();
    for (IngressTLS tls : orEmpty(spec.getTls())) {
      tlsHosts.addAll(orEmpty(tls.getHosts()));
    }
    List<Labels> targets = new ArrayList<>();
    for (IngressRule rule : orEmpty(spec.getRules())) {
      String host = orEmpty(rule.getHost());
      String scheme = "http";
      for (String pattern : tlsHosts) {
        if (matchesHost(pattern, host)) {
          scheme = "https";
          break;
        }
      }
      for (String path : paths(rule.getHttp())) {
        targets.add(
            Labels.builder()
                .add(MetaLabels.ADDRESS, host)
                .add(SCHEME, scheme)
                .add(HOST, host)
                .add(PATH, path)
                .build());
      }
    }
    return new TargetGroup(source(ns, name), targets, group.build());
  }

  /** The rule's paths, {@code /} for an empty one; only {@code /} for a rule without http. */
  private static List<String> paths(@Nullable HTTPIngressRuleValue http) {
    if (http == null) {
      return List.of("/");
    }
    List<String> out = new ArrayList<>();
    for (HTTPIngressPath p : orEmpty(http.getPaths())) {
      String path = orEmpty(p.getPath());
      out.add(path.isEmpty() ? "/" : path);
    }
    return out;
  }

  /**
   * Whether a TLS host {@code pattern} covers {@code host}: equal, or a pattern whose first label
   * is {@code *} with as many labels as the host and the same labels after the first.
   */
  static boolean matchesHost(String pattern, String host) {
    if (pattern.equals(host)) {
      return true;
    }
    String[] p = pattern.split("\\.", -1);
    String[] h = host.split("\\.", -1);
    if (!p[0].equals("*") || p.length != h.length) {
      return false;
    }
    for (int i = 1; i < p.length; i++) {
      if (!p[i].equals(h[i])) {
        return false;
      }
    }
    return true;
  }
}
