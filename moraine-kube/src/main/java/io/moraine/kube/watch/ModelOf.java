package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.SiteInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The model a {@link ClusterWatcher} would build from a set of Kubernetes objects, without an API
 * server: each object is converted and its owner chain resolved by the watcher's own code, as if
 * the informers had listed them. For golden tests, figures tools and offline conversion of
 * manifests.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelOf {
  private ModelOf() {}

  /**
   * The state after adding {@code objects} in order (the order does not change the result: a pod
   * listed before its owner is re-resolved when the owner arrives).
   *
   * @param objects Nodes, Namespaces, PersistentVolumeClaims, Pods, Deployments, ReplicaSets,
   *     StatefulSets, DaemonSets, Jobs, CronJobs and Events (Events change no state)
   * @param site the site the state belongs to
   * @param now the observation time: the creation time of objects that have none
   * @throws IllegalArgumentException for an object of another kind, naming it, or one the watcher
   *     cannot read (a malformed quantity or time), naming the object and the field
   */
  public static ClusterState state(
      List<? extends HasMetadata> objects, SiteInfo site, Instant now) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(now, "now");
    Model model = new Model(site);
    for (HasMetadata o : objects) {
      Kind kind = kindOf(o);
      try {
        model.upsert(kind, o, now);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            describe(o) + ": " + e.getMessage(), e); // the watcher would skip this version
      }
    }
    return model.state();
  }

  private static Kind kindOf(HasMetadata o) {
    Objects.requireNonNull(o, "object");
    for (Kind k : Kind.values()) {
      if (k.type.isInstance(o)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "not a kind the watcher reads: " + describe(o) + " (" + o.getClass().getName() + ")");
  }

  private static String describe(HasMetadata o) {
    String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
    String name = o.getMetadata() == null ? null : o.getMetadata().getName();
    return o.getKind() + " " + (ns == null || ns.isEmpty() ? "" : ns + "/") + name;
  }
}
