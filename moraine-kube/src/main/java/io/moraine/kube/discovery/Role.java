package io.moraine.kube.discovery;

import java.util.Locale;

/** The Kubernetes objects a discoverer turns into targets, by Prometheus's role names. */
public enum Role {
  NODE,
  POD,
  SERVICE,
  ENDPOINTS,
  ENDPOINTSLICE,
  INGRESS;

  /** The name in configuration and in the events metric ({@code pod}, {@code endpointslice}). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code attach_metadata: {node: true}} applies (Prometheus 2.42: these roles only). */
  public boolean attachesNodeMetadata() {
    return this == POD || this == ENDPOINTS || this == ENDPOINTSLICE;
  }

  /**
   * The role named {@code name}.
   *
   * @throws IllegalArgumentException for a name that is not one of Prometheus 2.42's roles
   */
  public static Role of(String name) {
    for (Role r : values()) {
      if (r.configName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unsupported Kubernetes SD role \"" + name + "\"");
  }
}
