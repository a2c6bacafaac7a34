package io.moraine.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code kubernetes_sd_configs} entry, checked with Prometheus 2.42's rules and messages.
 *
 * @param role {@code pod}, {@code service}, {@code endpoints}, {@code endpointslice}, {@code node}
 *     or {@code ingress}
 * @param namespaces {@code namespaces.names}; empty for all namespaces
 * @param ownNamespace {@code namespaces.own_namespace}: also the pod's own namespace (in-cluster)
 * @param selectors {@code selectors}
 * @param apiServer {@code api_server}, or null for a kubeconfig or in-cluster discovery
 * @param kubeconfigFile {@code kubeconfig_file}, resolved against the file's directory, or null
 * @param httpClient authentication and TLS towards {@code api_server}
 * @param attachNodeMetadata {@code attach_metadata.node}: add the node's name and labels to the
 *     targets of the {@code pod}, {@code endpoints} and {@code endpointslice} roles (accepted and
 *     without effect for the other roles, as Prometheus 2.42)
 */
public record KubernetesSdConfig(
    String role,
    List<String> namespaces,
    boolean ownNamespace,
    List<Selector> selectors,
    @Nullable String apiServer,
    @Nullable Path kubeconfigFile,
    HttpClientConfig httpClient,
    boolean attachNodeMetadata) {
  /** The roles Prometheus 2.42 knows. */
  public static final List<String> ROLES =
      List.of("pod", "service", "endpoints", "endpointslice", "node", "ingress");

  public KubernetesSdConfig {
    Objects.requireNonNull(role, "role");
    namespaces = List.copyOf(namespaces);
    selectors = List.copyOf(selectors);
    Objects.requireNonNull(httpClient, "httpClient");
  }

  /**
   * One {@code selectors} entry.
   *
   * @param role the kind of object the selector applies to
   * @param label a label selector ("" for none)
   * @param field a field selector ("" for none)
   */
  public record Selector(String role, String label, String field) {
    public Selector {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(field, "field");
    }
  }
}
