package io.moraine.kube.model;

import java.util.Objects;

/**
 * A Kubernetes object by kind, namespace and name; {@code namespace} is empty for cluster-scoped
 * kinds. {@code uid} may be empty when only a name is known (an owner not seen yet).
 */
public record ObjectRef(String kind, String namespace, String name, String uid) {
  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  /** {@code kind/namespace/name}, or {@code kind/name} when cluster-scoped: the map key. */
  public String key() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
