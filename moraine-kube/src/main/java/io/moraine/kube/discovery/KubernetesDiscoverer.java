package io.moraine.kube.discovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.moraine.core.discovery.Discoverer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.kube.client.KubeClients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes discovery, as Prometheus 2.42's {@code kubernetes_sd_configs}: fabric8 informers list
 * and watch the role's objects (in the configured namespaces, with the configured selectors); every
 * add, update or delete queues the object's key, and the discoverer's thread rebuilds the group of
 * each queued key from the informers' caches. The first update comes once every informer has listed
 * its objects and carries all their groups; later updates carry the groups that changed, a deleted
 * object's source with no targets. A node without any address sends nothing, as in Prometheus.
 * Failed lists and watches are retried by the informers, logged and counted in {@code
 * moraine_sd_kubernetes_failures_total}; events are counted in {@code
 * moraine_sd_kubernetes_events_total{role,event}}.
 *
 * <p>Thread-safe. Owns its fabric8 client, built from {@link KubernetesDiscoveryOptions#client} and
 * closed by {@link #close}.
 */
public final class KubernetesDiscoverer implements Discoverer {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesDiscoverer.class);

  private final KubernetesDiscoveryOptions options;
  private final KubernetesClient client;
  private final KeyQueue queue = new KeyQueue();
  private final RoleWatch watch;
  private final Object lifecycle = new Object();
  private @Nullable Thread thread; // guarded by lifecycle
  private boolean closed; // guarded by lifecycle

  /**
   * A discoverer for {@code options}; nothing is requested before {@link #start}.
   *
   * @throws IOException when the kubeconfig file cannot be read
   */
  public KubernetesDiscoverer(
      KubernetesDiscoveryOptions options, KubernetesDiscoveryMetrics metrics) throws IOException {
    this.options = Objects.requireNonNull(options, "options");
    Objects.requireNonNull(metrics, "metrics");
    this.client = KubeClients.create(options.client());
    this.watch = RoleWatch.create(client, options, metrics, queue);
  }

  @Override
  public void start(Consumer<List<TargetGroup>> updates) {
    Objects.requireNonNull(updates, "updates");
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("Kubernetes discoverer was closed");
      }
      if (thread != null) {
        throw new IllegalStateException("Kubernetes discoverer was started twice");
      }
      String name = "moraine-sd-kubernetes-" + options.role().configName();
      thread = Thread.ofPlatform().daemon().name(name).start(() -> run(updates));
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (lifecycle) {
      closed = true;
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
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
    watch.close();
    client.close();
  }

  private void run(Consumer<List<TargetGroup>> updates) {
    Map<String, TargetGroup> sent = new HashMap<>();
    try {
      try {
        watch.start().get();
      } catch (ExecutionException e) {
        LOG.atError()
            .addKeyValue("role", options.role().configName())
            .addKeyValue("err", String.valueOf(e.getCause()))
            .log("Kubernetes informers failed to start; going on with what they deliver");
      }
      updates.accept(changes(queue.drain(), sent));
      while (!Thread.currentThread().isInterrupted()) {
        List<TargetGroup> changed = changes(queue.takeAll(), sent);
        if (!changed.isEmpty()) {
          updates.accept(changed);
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** The groups of {@code keys} that differ from what was sent, remembering them as sent. */
  private List<TargetGroup> changes(List<String> keys, Map<String, TargetGroup> sent) {
    List<TargetGroup> out = new ArrayList<>();
    for (String key : keys) {
      TargetGroup g = watch.build(key);
      if (g == null) {
        continue;
      }
      if (g.targets().isEmpty()) {
        if (sent.remove(g.source()) != null) {
          out.add(g);
        }
      } else if (!g.equals(sent.get(g.source()))) {
        sent.put(g.source(), g);
        out.add(g);
      }
    }
    return out;
  }
}
