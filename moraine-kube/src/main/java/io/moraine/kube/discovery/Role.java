package io.moraine.kube.discovery;

import java.util.Locale;

/** The Kubernetes objects a discoverer turns into targets, by Prometheus's role names. */
public enum Role {
  NODE,
  POD,
  SERVICE,
  ENDPOINTS,
  ENDPOINTSLICE;

  /** The name in configuration and in the events metric ({@code pod}, {@code endpointslice}). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named {@code name}.
   *
   * @throws IllegalArgumentException for a name Moraine does not support (such as {@code ingress})
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
