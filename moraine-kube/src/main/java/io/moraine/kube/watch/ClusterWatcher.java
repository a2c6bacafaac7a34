package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.moraine.kube.client.KubeClients;
import io.moraine.kube.client.ResourceCache;
import io.moraine.kube.client.ResourceSelector;
import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.ObjectRef;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a site: fabric8 informers over Nodes, Pods, Deployments, ReplicaSets, StatefulSets,
 * DaemonSets, Jobs, CronJobs, Namespaces, PersistentVolumeClaims and Events keep a {@link
 * ClusterState} (an immutable snapshot, replaced at each change), with owner chains resolved, and
 * every change is told to the registered {@link ClusterListener}s on one dispatch thread, in order.
 *
 * <p>After {@link #start}, once every informer has listed its objects, listeners get one {@link
 * ModelChange.Resynced} with the whole state, then the lifecycle events and kept Events found in
 * that first list (so what happened while nobody watched is told, with Kubernetes' times: a
 * consumer should treat a lifecycle event as identified by subject uid and type, since a restart
 * tells them again), then each change as it comes: {@link ModelChange.Upserted}, {@link
 * ModelChange.Removed}, {@link ModelChange.Lifecycle}, {@link ModelChange.Event}. Each re-list of
 * an informer (after a watch gap) ends with another {@code Resynced}. The state passed with a
 * change is the state after the informer event that caused it.
 *
 * <p>Thread-safe. Owns its fabric8 client, built from {@link ClusterWatcherOptions#client()} and
 * closed by {@link #close}. Until every informer has listed once (a kind the API refuses is retried
 * for ever) nothing is told and the start future stays incomplete.
 */
public final class ClusterWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);

  private final ClusterWatcherOptions options;
  private final KubernetesClient client;
  private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
  private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<ClusterState> synced = new CompletableFuture<>();
  private final Object lifecycle = new Object();
  private final List<ResourceCache<?>> caches = new ArrayList<>(); // guarded by lifecycle
  private @Nullable Thread thread; // guarded by lifecycle
  private boolean closed; // guarded by lifecycle
  private volatile @Nullable ClusterState current;
  private final AtomicLong watchFailures = new AtomicLong();

  /**
   * A watcher for {@code options}; nothing is requested before {@link #start}.
   *
   * @throws IOException when the kubeconfig file cannot be read
   */
  public ClusterWatcher(ClusterWatcherOptions options) throws IOException {
    this.options = Objects.requireNonNull(options, "options");
    this.client = KubeClients.create(options.client());
  }

  /**
   * Registers a listener; register before {@link #start} to be told everything. Listeners run on
   * the dispatch thread and must be quick; one that throws is logged and the others still told.
   */
  public void addListener(ClusterListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Resolves the site's name, starts the informers and the dispatch thread. The future completes
   * with the state of the initial list once every informer has listed, right after listeners were
   * told the {@code Resynced}; it fails if the watcher closes first.
   *
   * @throws IllegalStateException when started twice or after {@link #close}
   */
  public CompletableFuture<ClusterState> start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("cluster watcher was closed");
      }
      if (thread != null) {
        throw new IllegalStateException("cluster watcher was started twice");
      }
      thread = Thread.ofPlatform().daemon().name("moraine-kube-watch").start(this::run);
    }
    return synced;
  }

  /**
   * Failed lists and watches of the informers so far (each is retried with back-off); for
   * self-metrics.
   */
  public long watchFailures() {
    return watchFailures.get();
  }

  /** The latest state, or null before the initial list completed. */
  public @Nullable ClusterState state() {
    return current;
  }

  /** Stops the informers and the dispatch thread and closes the client; idempotent. */
  @Override
  public void close() {
    Thread t;
    synchronized (lifecycle) {
      closed = true;
      t = thread;
      caches.forEach(ResourceCache::close);
    }
    queue.add(new Signal.Stop());
    if (t != null && t != Thread.currentThread()) {
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    client.close();
    synced.completeExceptionally(new IllegalStateException("cluster watcher closed"));
  }

  private void run() {
    try {
      Model model = new Model(SiteName.resolve(client, options.siteName()));
      Map<Kind, Integer> listsLeft = startInformers();
      List<ModelChange> held = new ArrayList<>();
      while (true) {
        Signal s = queue.take();
        switch (s) {
          case Signal.Stop stop -> {
            return;
          }
          case Signal.Listed listed -> {
            if (listsLeft.isEmpty()) {
              tell(new ModelChange.Resynced(model.state()), model.state());
            } else if (listsLeft.merge(listed.kind(), -1, Integer::sum) <= 0) {
              listsLeft.remove(listed.kind());
              if (listsLeft.isEmpty()) {
                synced(model, held);
              }
            }
          }
          case Signal.Upsert u ->
              apply(model, u.kind(), u.object(), false, !listsLeft.isEmpty(), held);
          case Signal.Delete d ->
              apply(model, d.kind(), d.object(), true, !listsLeft.isEmpty(), held);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("err", e.toString()).log("cluster watcher stopped");
      synced.completeExceptionally(e);
    }
  }

  /** The initial list is complete: tell the state, then what the list showed happened. */
  private void synced(Model model, List<ModelChange> held) {
    ClusterState state = model.state();
    current = state;
    tell(new ModelChange.Resynced(state), state);
    Map<ObjectRef, Instant> firstStarts = model.earliestStarts();
    for (ModelChange c : held) {
      tell(earliest(c, firstStarts), state);
    }
    held.clear();
    synced.complete(state);
  }

  /** A workload's STARTED with the earliest start among its pods listed at once. */
  private static ModelChange earliest(ModelChange c, Map<ObjectRef, Instant> firstStarts) {
    if (c instanceof ModelChange.Lifecycle(LifecycleEvent e)
        && e.type() == LifecycleEvent.Type.STARTED
        && Kind.WORKLOAD_KINDS.contains(e.subject().kind())) {
      Instant first = firstStarts.get(e.subject());
      if (first != null && first.isBefore(e.at())) {
        return new ModelChange.Lifecycle(
            new LifecycleEvent(e.subject(), e.type(), first, e.reason()));
      }
    }
    return c;
  }

  private void apply(
      Model model,
      Kind kind,
      HasMetadata o,
      boolean delete,
      boolean initial,
      List<ModelChange> held) {
    Instant now = Instant.ofEpochMilli(options.clock().nowMillis());
    List<ModelChange> changes;
    try {
      changes = delete ? model.delete(kind, o, now) : model.upsert(kind, o, now);
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("kind", o.getKind())
          .addKeyValue("namespace", o.getMetadata().getNamespace())
          .addKeyValue("name", o.getMetadata().getName())
          .addKeyValue("err", e.getMessage())
          .log("cannot read Kubernetes object; ignoring this version of it");
      return;
    }
    if (initial) {
      for (ModelChange c : changes) {
        if (c instanceof ModelChange.Lifecycle || c instanceof ModelChange.Event) {
          held.add(c);
        }
      }
      return;
    }
    if (!changes.isEmpty()) {
      ClusterState state = model.state();
      current = state;
      for (ModelChange c : changes) {
        tell(c, state);
      }
    }
  }

  private void tell(ModelChange change, ClusterState state) {
    for (ClusterListener l : listeners) {
      try {
        l.onChange(change, state);
      } catch (RuntimeException e) {
        LOG.atError()
            .addKeyValue("listener", l.getClass().getName())
            .addKeyValue("err", e.toString())
            .log("cluster listener failed");
      }
    }
  }

  /** Starts one cache per kind; returns how many informer lists each kind must deliver. */
  private Map<Kind, Integer> startInformers() {
    Map<Kind, Integer> lists = new EnumMap<>(Kind.class);
    synchronized (lifecycle) {
      if (closed) {
        return lists;
      }
      for (Kind k : Kind.values()) {
        ResourceCache<?> c = cache(k, k.type);
        caches.add(c);
        boolean perNamespace =
            Namespaced.class.isAssignableFrom(k.type) && !options.namespaces().isEmpty();
        lists.put(k, perNamespace ? options.namespaces().size() : 1);
      }
      caches.forEach(ResourceCache::start);
    }
    return lists;
  }

  private <T extends HasMetadata> ResourceCache<T> cache(Kind kind, Class<T> type) {
    return new ResourceCache<>(
        client,
        type,
        options.namespaces(),
        ResourceSelector.NONE,
        options.resync(),
        new Feed<T>(kind, queue),
        (k, t) -> watchFailures.incrementAndGet());
  }
}
