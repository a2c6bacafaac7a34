package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.concurrent.BlockingQueue;

/**
 * Queues one kind's informer events for the dispatch thread, in the order each informer delivers
 * them (fabric8 delivers one informer's events serially, a list's objects before its {@code
 * onList}).
 */
final class Feed<T extends HasMetadata> implements ResourceEventHandler<T> {
  private final Kind kind;
  private final BlockingQueue<Signal> queue;

  Feed(Kind kind, BlockingQueue<Signal> queue) {
    this.kind = kind;
    this.queue = queue;
  }

  @Override
  public void onAdd(T obj) {
    queue.add(new Signal.Upsert(kind, obj));
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    queue.add(new Signal.Upsert(kind, newObj));
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    queue.add(new Signal.Delete(kind, obj));
  }

  @Override
  public void onList(String resourceVersion, boolean firstAndEmpty) {
    queue.add(new Signal.Listed(kind));
  }
}
