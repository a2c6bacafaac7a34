package io.moraine.kube.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects of one kind, kept current by fabric8 informers: one per namespace, or one for all
 * namespaces (and for cluster-scoped kinds). Lists and watches carry the selector; a lost watch is
 * re-listed and re-watched by fabric8, and failures are retried for ever (as client-go's
 * reflectors) after being reported to {@code onFailure}.
 *
 * <p>Thread-safe. Event handlers run on fabric8's threads, one informer's events in order. The
 * cache owns its informers, not the client.
 *
 * @param <T> the object kind
 */
public final class ResourceCache<T extends HasMetadata> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceCache.class);

  private final Class<T> type;
  private final boolean namespaced;
  private static final long SYNC_POLL_MILLIS = 20;

  private final List<SharedIndexInformer<T>> informers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Informers for {@code type} (not started).
   *
   * @param client the client to list and watch with (not owned)
   * @param namespaces the namespaces to watch; empty for all (ignored for cluster-scoped kinds)
   * @param selector label and field selectors
   * @param resync how often handlers are told every object again as an update; zero for never
   * @param handler told of every add, update and delete
   * @param onFailure told of each failed list or watch (the kind's simple name, the error)
   */
  public ResourceCache(
      KubernetesClient client,
      Class<T> type,
      List<String> namespaces,
      ResourceSelector selector,
      Duration resync,
      ResourceEventHandler<T> handler,
      BiConsumer<String, Throwable> onFailure) {
    this.type = Objects.requireNonNull(type, "type");
    this.namespaced = Namespaced.class.isAssignableFrom(type);
    List<@Nullable String> scopes = new ArrayList<>();
    if (!namespaced || namespaces.isEmpty()) {
      scopes.add(null);
    } else {
      scopes.addAll(List.copyOf(namespaces));
    }
    for (String ns : scopes) {
      SharedIndexInformer<T> inf = select(client, ns, selector).runnableInformer(resync.toMillis());
      inf.addEventHandler(handler);
      inf.exceptionHandler(
          (started, t) -> {
            onFailure.accept(type.getSimpleName(), t);
            LOG.atError()
                .addKeyValue("kind", type.getSimpleName())
                .addKeyValue("namespace", ns == null ? "" : ns)
                .addKeyValue("err", t.toString())
                .log("Kubernetes list or watch failed; retrying");
            return true;
          });
      informers.add(inf);
    }
  }

  private FilterWatchListDeletable<T, KubernetesResourceList<T>, Resource<T>> select(
      KubernetesClient client, @Nullable String ns, ResourceSelector selector) {
    var op = client.resources(type);
    FilterWatchListDeletable<T, KubernetesResourceList<T>, Resource<T>> f =
        !namespaced ? op : ns == null ? op.inAnyNamespace() : op.inNamespace(ns);
    if (!selector.label().isBlank()) {
      f = f.withLabelSelector(selector.label());
    }
    for (FieldTerms.Term t : FieldTerms.parse(selector.field()).terms()) {
      f = t.negated() ? f.withoutField(t.key(), t.value()) : f.withField(t.key(), t.value());
    }
    return f;
  }

  /**
   * Starts every informer; the future completes once each has listed its objects (as client-go's
   * cache sync, not waiting for the watches, which fabric8 retries on its own).
   */
  public CompletableFuture<Void> start() {
    for (SharedIndexInformer<T> inf : informers) {
      inf.start();
    }
    CompletableFuture<Void> synced = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("kube-sync-" + type.getSimpleName())
        .start(
            () -> {
              try {
                while (!closed && !informers.stream().allMatch(SharedIndexInformer::hasSynced)) {
                  Thread.sleep(SYNC_POLL_MILLIS);
                }
                synced.complete(null);
              } catch (InterruptedException e) {
                synced.completeExceptionally(e);
              }
            });
    return synced;
  }

  /** The object {@code namespace/name} ({@code name} alone for cluster-scoped kinds), or null. */
  public @Nullable T get(String namespace, String name) {
    String key = namespaced ? namespace + "/" + name : name;
    for (SharedIndexInformer<T> inf : informers) {
      T o = inf.getStore().getByKey(key);
      if (o != null) {
        return o;
      }
    }
    return null;
  }

  /** Every object now known. */
  public List<T> list() {
    List<T> out = new ArrayList<>();
    for (SharedIndexInformer<T> inf : informers) {
      out.addAll(inf.getStore().list());
    }
    return out;
  }

  /** Stops the informers; idempotent. */
  @Override
  public void close() {
    closed = true;
    informers.forEach(SharedIndexInformer::stop);
  }
}
