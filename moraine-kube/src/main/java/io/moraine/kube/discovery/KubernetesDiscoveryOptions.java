package io.moraine.kube.discovery;

import io.moraine.kube.client.KubeClientOptions;
import io.moraine.kube.client.ResourceSelector;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link KubernetesDiscoverer}, as one {@code kubernetes_sd_configs} entry after the
 * caller resolved in-cluster settings and its own namespace.
 *
 * @param role the objects to discover
 * @param namespaces the namespaces to watch; empty for all (nodes are cluster-wide)
 * @param selectors label and field selectors by the role of the objects they apply to (for example
 *     {@code POD} and {@code SERVICE} selectors for the {@code ENDPOINTS} role)
 * @param client how to reach the API server
 * @param resync how often informers replay every object as an update (zero: never, as Prometheus)
 * @param attachNodeMetadata {@code attach_metadata: {node: true}}: targets of the {@code pod},
 *     {@code endpoints} and {@code endpointslice} roles get the name and labels of their pod's node
 *     (nodes are then watched too, with the {@code NODE} selector); ignored for other roles, as
 *     Prometheus 2.42 ignores it
 */
public record KubernetesDiscoveryOptions(
    Role role,
    List<String> namespaces,
    Map<Role, ResourceSelector> selectors,
    KubeClientOptions client,
    Duration resync,
    boolean attachNodeMetadata) {
  public KubernetesDiscoveryOptions {
    Objects.requireNonNull(role, "role");
    namespaces = List.copyOf(namespaces);
    selectors = selectors.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(selectors));
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(resync, "resync");
    if (resync.isNegative()) {
      throw new IllegalArgumentException("resync must not be negative, got " + resync);
    }
  }

  /** Options for {@code role} over every namespace, without selectors, resync or metadata. */
  public static KubernetesDiscoveryOptions of(Role role, KubeClientOptions client) {
    return new KubernetesDiscoveryOptions(role, List.of(), Map.of(), client, Duration.ZERO, false);
  }

  /** The selector for objects of {@code kind}, or none. */
  public ResourceSelector selector(Role kind) {
    return selectors.getOrDefault(kind, ResourceSelector.NONE);
  }

  /** Whether nodes are watched to attach their metadata: asked for, and the role supports it. */
  boolean watchesNodeMetadata() {
    return attachNodeMetadata && role.attachesNodeMetadata();
  }
}
