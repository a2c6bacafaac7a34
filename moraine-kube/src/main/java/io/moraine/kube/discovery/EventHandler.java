package io.moraine.kube.discovery;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.moraine.core.selfmetrics.Counter;
import java.util.function.Consumer;

/**
 * Counts each informer event under its role ({@code moraine_sd_kubernetes_events_total}) and passes
 * the object on. Runs on fabric8's threads.
 */
final class EventHandler<T extends HasMetadata> implements ResourceEventHandler<T> {
  private final Counter adds;
  private final Counter updates;
  private final Counter deletes;
  private final Consumer<T> changed;

  EventHandler(String role, KubernetesDiscoveryMetrics metrics, Consumer<T> changed) {
    this.adds = metrics.event(role, "add");
    this.updates = metrics.event(role, "update");
    this.deletes = metrics.event(role, "delete");
    this.changed = changed;
  }

  @Override
  public void onAdd(T obj) {
    adds.inc();
    changed.accept(obj);
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    updates.inc();
    changed.accept(newObj);
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    deletes.inc();
    changed.accept(obj);
  }

  /** The work-queue key of an object: {@code namespace/name}, or {@code name} without one. */
  static String key(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    String name = String.valueOf(o.getMetadata().getName());
    return ns == null || ns.isEmpty() ? name : ns + "/" + name;
  }
}
