package io.moraine.kube.discovery;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.kube.client.ResourceCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The informers one role needs and how it turns a queued key into a group. Events enqueue keys of
 * the role's own objects: a service change enqueues the endpoints (or endpointslices) of that
 * service, as Prometheus does; with node metadata attached, a node change enqueues the role's
 * objects on that node. Thread-safe; {@link #build} runs on the discoverer's thread.
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
        NodeMetadata nodes = c.nodeMetadata(pods, PodGroups::runsOn, enqueue);
        yield new RoleWatch(
            c.all, key -> byKey(key, pods, PodGroups::source, p -> PodGroups.build(p, nodes)));
      }
      case SERVICE -> {
        ResourceCache<Service> svcs = c.watch(Service.class, Role.SERVICE, enqueue);
        yield new RoleWatch(
            c.all, key -> byKey(key, svcs, ServiceGroups::source, ServiceGroups::build));
      }
      case ENDPOINTS -> endpoints(c, enqueue);
      case ENDPOINTSLICE -> endpointSlices(c, enqueue);
      case INGRESS -> {
        ResourceCache<Ingress> ings = c.watch(Ingress.class, Role.INGRESS, enqueue);
        yield new RoleWatch(
            c.all, key -> byKey(key, ings, IngressGroups::source, IngressGroups::build));
      }
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
    NodeMetadata nodes = c.nodeMetadata(eps, EndpointsGroups::runsOn, enqueue);
    return new RoleWatch(
        c.all,
        key ->
            byKey(
                key,
                eps,
                EndpointsGroups::source,
                e -> EndpointsGroups.build(e, svcs, pods, nodes)));
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
    NodeMetadata nodes = c.nodeMetadata(slices, EndpointSliceGroups::runsOn, enqueue);
    return new RoleWatch(
        c.all,
        key ->
            byKey(
                key,
                slices,
                EndpointSliceGroups::source,
                e -> EndpointSliceGroups.build(e, svcs, pods, nodes)));
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

    /**
     * With node metadata attached: a node cache (the {@code NODE} selector, events not counted, as
     * Prometheus) whose every change enqueues the objects of {@code owners} on that node.
     */
    <T extends HasMetadata> NodeMetadata nodeMetadata(
        ResourceCache<T> owners, BiPredicate<T, String> on, Consumer<HasMetadata> enqueue) {
      if (!options.watchesNodeMetadata()) {
        return NodeMetadata.NONE;
      }
      Consumer<Node> changed =
          n -> {
            String node = name(n);
            for (T o : owners.list()) {
              if (on.test(o, node)) {
                enqueue.accept(o);
              }
            }
          };
      return new NodeMetadata(cache(Node.class, Role.NODE, quiet(changed)));
    }

    <T extends HasMetadata> ResourceCache<T> watch(
        Class<T> type, Role kind, @Nullable Consumer<? super T> changed) {
      // pods only looked up (endpoints roles): no events counted, as Prometheus
      ResourceEventHandler<T> handler =
          changed == null
              ? quiet(o -> {})
              : new EventHandler<T>(kind.configName(), metrics, changed::accept);
      return cache(type, kind, handler);
    }

    private static <T> ResourceEventHandler<T> quiet(Consumer<? super T> changed) {
      return new ResourceEventHandler<>() {
        @Override
        public void onAdd(T obj) {
          changed.accept(obj);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
          changed.accept(newObj);
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
          changed.accept(obj);
        }
      };
    }

    private <T extends HasMetadata> ResourceCache<T> cache(
        Class<T> type, Role kind, ResourceEventHandler<T> handler) {
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
