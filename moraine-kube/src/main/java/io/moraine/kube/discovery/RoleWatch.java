package io.moraine.kube.discovery;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.kube.client.ResourceCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The informers one role needs and how it turns a queued key into a group. Events enqueue keys of
 * the role's own objects: a service change enqueues the endpoints (or endpointslices) of that
 * service, as Prometheus does. Thread-safe; {@link #build} runs on the discoverer's thread.
 */
final class RoleWatch implements AutoCloseable {
  private final List<ResourceCache<?>> caches;
  private final Function<String, @Nullable TargetGroup> builder;

  private RoleWatch(
      List<ResourceCache<?>> caches, Function<String, @Nullable TargetGroup> builder) {
    this.caches = caches;
    this.builder = builder;
  }

  /** The caches and builder of {@code options.role()}; informers start with {@link #start}. */
  static RoleWatch create(
      KubernetesClient client,
      KubernetesDiscoveryOptions options,
      KubernetesDiscoveryMetrics metrics,
      KeyQueue queue) {
    Caches c = new Caches(client, options, metrics);
    Consumer<HasMetadata> enqueue = o -> queue.add(EventHandler.key(o));
    return switch (options.role()) {
      case NODE -> {
        ResourceCache<Node> nodes = c.watch(Node.class, Role.NODE, enqueue);
        yield new RoleWatch(
            c.all,
            key -> {
              Node n = nodes.get("", key);
              return n == null ? TargetGroup.empty(NodeGroups.source(key)) : NodeGroups.build(n);
            });
      }
      case POD -> {
        ResourceCache<Pod> pods = c.watch(Pod.class, Role.POD, enqueue);
        yield new RoleWatch(c.all, key -> byKey(key, pods, PodGroups::source, PodGroups::build));
      }
      case SERVICE -> {
        ResourceCache<Service> svcs = c.watch(Service.class, Role.SERVICE, enqueue);
        yield new RoleWatch(
            c.all, key -> byKey(key, svcs, ServiceGroups::source, ServiceGroups::build));
      }
      case ENDPOINTS -> endpoints(c, enqueue);
      case ENDPOINTSLICE -> endpointSlices(c, enqueue);
    };
  }

  private static RoleWatch endpoints(Caches c, Consumer<HasMetadata> enqueue) {
    ResourceCache<Endpoints> eps = c.watch(Endpoints.class, Role.ENDPOINTS, enqueue);
    ResourceCache<Service> svcs =
        c.watch(
            Service.class,
            Role.SERVICE,
            s -> {
              Endpoints e = eps.get(ns(s), name(s));
              if (e != null) {
                enqueue.accept(e);
              }
            });
    ResourceCache<Pod> pods = c.watch(Pod.class, Role.POD, null);
    return new RoleWatch(
        c.all,
        key -> byKey(key, eps, EndpointsGroups::source, e -> EndpointsGroups.build(e, svcs, pods)));
  }

  private static RoleWatch endpointSlices(Caches c, Consumer<HasMetadata> enqueue) {
    ResourceCache<EndpointSlice> slices = c.watch(EndpointSlice.class, Role.ENDPOINTSLICE, enqueue);
    ResourceCache<Service> svcs =
        c.watch(
            Service.class,
            Role.SERVICE,
            s -> {
              for (EndpointSlice e : slices.list()) {
                if (ns(e).equals(ns(s)) && name(s).equals(EndpointSliceGroups.serviceName(e))) {
                  enqueue.accept(e);
                }
              }
            });
    ResourceCache<Pod> pods = c.watch(Pod.class, Role.POD, null);
    return new RoleWatch(
        c.all,
        key ->
            byKey(
                key,
                slices,
                EndpointSliceGroups::source,
                e -> EndpointSliceGroups.build(e, svcs, pods)));
  }

  private interface SourceName {
    String of(String namespace, String name);
  }

  private static <T extends HasMetadata> TargetGroup byKey(
      String key, ResourceCache<T> cache, SourceName source, Function<T, TargetGroup> build) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, Math.max(slash, 0));
    String name = key.substring(slash + 1);
    T o = cache.get(ns, name);
    return o == null ? TargetGroup.empty(source.of(ns, name)) : build.apply(o);
  }

  private static String ns(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getNamespace(), "");
  }

  private static String name(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getName(), "");
  }

  /** Starts every informer; completes once all have listed their objects. */
  CompletableFuture<Void> start() {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (ResourceCache<?> c : caches) {
      started.add(c.start());
    }
    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
  }

  /** The group for a queued key; empty when the object is gone, null for no update. */
  @Nullable TargetGroup build(String key) {
    return builder.apply(key);
  }

  @Override
  public void close() {
    caches.forEach(ResourceCache::close);
  }

  /** Creates the caches of one role, with its namespaces, selectors and resync. */
  private static final class Caches {
    private final KubernetesClient client;
    private final KubernetesDiscoveryOptions options;
    private final KubernetesDiscoveryMetrics metrics;
    final List<ResourceCache<?>> all = new ArrayList<>();

    Caches(
        KubernetesClient client,
        KubernetesDiscoveryOptions options,
        KubernetesDiscoveryMetrics metrics) {
      this.client = client;
      this.options = options;
      this.metrics = metrics;
    }

    <T extends HasMetadata> ResourceCache<T> watch(
        Class<T> type, Role kind, @Nullable Consumer<? super T> changed) {
      // pods only looked up (endpoints roles): no handler, no events counted, as Prometheus
      ResourceEventHandler<T> handler =
          changed == null
              ? new ResourceEventHandler<>() {
                @Override
                public void onAdd(T obj) {}

                @Override
                public void onUpdate(T oldObj, T newObj) {}

                @Override
                public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
              }
              : new EventHandler<T>(kind.configName(), metrics, changed::accept);
      ResourceCache<T> cache =
          new ResourceCache<>(
              client,
              type,
              options.namespaces(),
              options.selector(kind),
              options.resync(),
              handler,
              (k, t) -> metrics.failure(k).inc());
      all.add(cache);
      return cache;
    }
  }
}
