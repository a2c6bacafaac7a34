package io.moraine.graph.figures;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.graph.render.MoraineRenderer;
import io.moraine.graph.render.RenderOptions;
import io.moraine.graph.store.StoreOptions;
import io.moraine.graph.store.Tdb2GraphStore;
import io.moraine.graph.sync.GraphSync;
import io.moraine.graph.sync.GraphSyncOptions;
import io.moraine.kube.client.KubeClientOptions;
import io.moraine.kube.watch.ClusterWatcher;
import io.moraine.kube.watch.ClusterWatcherOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Time from a Kubernetes API write to the triple it causes being visible in the graph store, with
 * the real parts: fabric8's mock API server in CRUD mode, {@link ClusterWatcher} (informers),
 * {@link GraphSync} (default options: 50 ms batching) and a TDB2 store in a fresh temporary
 * directory. Pods and Deployments are created, relabelled and deleted at a steady pace, one API
 * write per step, in a rotation of create, update, delete.
 *
 * <p>Each write registers what it must make visible (the entity's type triple, the new label's
 * value, the status's end time) just before the API call; after every commit the sync tells its
 * observer, which reads the store and stamps each expectation now met. So a figure is the API
 * call's round trip, the watch event's delivery, the watcher's conversion, the sync's batching and
 * render and diff, and the TDB2 commit. GraphSync's own lag (listener to commit) is shown as well.
 *
 * <p>A figures tool in test scope, not run by the build (fabric8's mock server brings Vert.x on
 * Netty 4.1, which does not converge with the server's Armeria on Netty 4.2 in moraine-bench). Run:
 * {@code ./mvnw -B -o -q -pl moraine-kube,moraine-graph test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test && java -cp
 * moraine-graph/target/test-classes:moraine-graph/target/classes:$(cat /tmp/cp)
 * io.moraine.graph.figures.KubeGraphLatency [writesPerSecond=20] [seconds=60] [warmupSeconds=5]}.
 */
public final class KubeGraphLatency {
  private static final String NS = "bench";
  private static final String BASE = "https://moraine.local/site/bench/";
  private static final String MOR = "https://moraine.dev/ns#";
  private static final Node TYPE =
      NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  private static final Node END_TIME =
      NodeFactory.createURI("https://glaciation-project.eu/MetadataReferenceModel#endTime");
  private static final Node VALUE = NodeFactory.createURI(MOR + "value");

  /** Kept: JUL holds loggers weakly. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private KubeGraphLatency() {}

  /** A write waiting for its triple: registered before the API call. */
  private record Expect(String what, long writeNanos, Predicate<DatasetGraph> visible) {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    PrintStream out = System.out;
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    Path dir = Files.createTempDirectory("moraine-latency-");
    List<Expect> pending = new ArrayList<>(); // guarded by itself
    List<long[]> seen = new ArrayList<>(); // {writeNanos, latencyNanos}; guarded by pending
    List<Long> syncLags = new ArrayList<>(); // guarded by pending
    try (KubernetesClient client = server.createClient();
        Tdb2GraphStore store = Tdb2GraphStore.open(dir, StoreOptions.DEFAULT)) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      client
          .nodes()
          .resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build())
          .create();
      MoraineRenderer renderer = new MoraineRenderer(RenderOptions.defaults("bench"));
      try (GraphSync sync =
              GraphSync.start(
                  renderer,
                  store,
                  new MetricRegistry(),
                  GraphSyncOptions.DEFAULT,
                  c -> {
                    long now = System.nanoTime();
                    synchronized (pending) {
                      syncLags.addAll(c.lagNanos());
                      if (pending.isEmpty()) {
                        return;
                      }
                      store.read(
                          d ->
                              pending.removeIf(
                                  e -> {
                                    if (!e.visible().test(d)) {
                                      return false;
                                    }
                                    seen.add(new long[] {e.writeNanos(), now - e.writeNanos()});
                                    return true;
                                  }));
                    }
                  });
          ClusterWatcher watcher =
              new ClusterWatcher(
                  new ClusterWatcherOptions(
                      KubeClientOptions.apiServer(server.url("/"), "moraine-bench"),
                      List.of(),
                      Duration.ZERO,
                      "bench",
                      Clock.SYSTEM))) {
        watcher.addListener(sync);
        watcher.start().get(60, TimeUnit.SECONDS);
        sync.awaitIdle(Duration.ofSeconds(30));
        long start = System.nanoTime();
        int writes = drive(client, rate, seconds, pending);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
          synchronized (pending) {
            if (pending.isEmpty()) {
              break;
            }
          }
          Thread.sleep(50);
        }
        synchronized (pending) {
          report(out, rate, seconds, warmup, writes, start, seen, syncLags, pending);
        }
      }
    } finally {
      server.destroy();
      try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The rotation: create a pod, create a Deployment, relabel one of each, delete one of each. */
  private static int drive(KubernetesClient client, int rate, int seconds, List<Expect> pending)
      throws InterruptedException {
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long next = System.nanoTime();
    int total = rate * seconds;
    Deque<String> pods = new ArrayDeque<>();
    Deque<String> relabelledPods = new ArrayDeque<>();
    Deque<String> deployments = new ArrayDeque<>();
    Deque<String> relabelledDeployments = new ArrayDeque<>();
    int made = 0;
    for (int i = 0; i < total; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      next += period;
      boolean pod = i % 2 == 0;
      int step = (i / 2) % 3;
      Deque<String> fresh = pod ? pods : deployments;
      Deque<String> relabelled = pod ? relabelledPods : relabelledDeployments;
      if (step == 1 && !fresh.isEmpty()) {
        String name = fresh.removeFirst();
        relabel(client, pod, name, i, pending);
        relabelled.addLast(name);
      } else if (step == 2 && relabelled.size() > 2) {
        delete(client, pod, relabelled.removeFirst(), pending);
      } else {
        String name = (pod ? "p-" : "d-") + made++;
        create(client, pod, name, pending);
        fresh.addLast(name);
      }
    }
    return total;
  }

  private static Node entity(boolean pod, String name) {
    return NodeFactory.createURI(
        BASE + (pod ? "pod/" + NS + "/" : "workload/" + NS + "/deployment/") + name);
  }

  private static Node graph(boolean pod, String name) {
    return NodeFactory.createURI(
        BASE + "graph/" + (pod ? "pod/" + NS + "/" : "workload/" + NS + "/deployment/") + name);
  }

  private static void expect(List<Expect> pending, String what, Predicate<DatasetGraph> visible) {
    synchronized (pending) {
      pending.add(new Expect(what, System.nanoTime(), visible));
    }
  }

  private static void create(
      KubernetesClient client, boolean pod, String name, List<Expect> pending) {
    Node g = graph(pod, name);
    Node s = entity(pod, name);
    expect(pending, "create " + name, d -> d.find(g, s, TYPE, Node.ANY).hasNext());
    if (pod) {
      client.pods().inNamespace(NS).resource(pod(name)).create();
    } else {
      client.apps().deployments().inNamespace(NS).resource(deployment(name)).create();
    }
  }

  private static void relabel(
      KubernetesClient client, boolean pod, String name, int rev, List<Expect> pending) {
    Node g = graph(pod, name);
    Node label = NodeFactory.createURI(entity(pod, name).getURI() + "/label/rev");
    Node value = NodeFactory.createLiteralString(Integer.toString(rev));
    expect(pending, "relabel " + name, d -> d.contains(g, label, VALUE, value));
    if (pod) {
      client
          .pods()
          .inNamespace(NS)
          .withName(name)
          .edit(
              p -> {
                p.getMetadata().getLabels().put("rev", Integer.toString(rev));
                return p;
              });
    } else {
      client
          .apps()
          .deployments()
          .inNamespace(NS)
          .withName(name)
          .edit(
              dp -> {
                dp.getMetadata().getLabels().put("rev", Integer.toString(rev));
                return dp;
              });
    }
  }

  private static void delete(
      KubernetesClient client, boolean pod, String name, List<Expect> pending) {
    Node g = graph(pod, name);
    Node status = NodeFactory.createURI(entity(pod, name).getURI() + "/status");
    expect(pending, "delete " + name, d -> d.find(g, status, END_TIME, Node.ANY).hasNext());
    if (pod) {
      client.pods().inNamespace(NS).withName(name).delete();
    } else {
      client.apps().deployments().inNamespace(NS).withName(name).delete();
    }
  }

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withNodeName("n1")
        .addNewContainer()
        .withName("app")
        .withImage("nginx:1.27")
        .withNewResources()
        .addToRequests("cpu", new Quantity("250m"))
        .addToRequests("memory", new Quantity("128Mi"))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .endStatus()
        .build();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static void report(
      PrintStream out,
      int rate,
      int seconds,
      int warmup,
      int writes,
      long start,
      List<long[]> seen,
      List<Long> syncLags,
      List<Expect> missing) {
    long cut = start + TimeUnit.SECONDS.toNanos(warmup);
    Map<String, Integer> counts = new HashMap<>();
    long[] lat = seen.stream().filter(s -> s[0] >= cut).mapToLong(s -> s[1]).sorted().toArray();
    long[] lags = syncLags.stream().mapToLong(Long::longValue).sorted().toArray();
    for (Expect e : missing) {
      counts.merge(e.what().substring(0, e.what().indexOf(' ')), 1, Integer::sum);
    }
    out.printf(
        Locale.ROOT,
        "%d API writes at %d/s for %d s (first %d s left out: %d measured); API write to triple"
            + " visible in TDB2: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms;"
            + " GraphSync listener to commit: p50 %.1f ms, p99 %.1f ms; never visible: %s%n",
        writes,
        rate,
        seconds,
        warmup,
        lat.length,
        ms(lat, 0.50),
        ms(lat, 0.90),
        ms(lat, 0.99),
        lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6,
        ms(lags, 0.50),
        ms(lags, 0.99),
        counts.isEmpty() ? "none" : counts.toString());
  }

  private static double ms(long[] sorted, double q) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
            / 1e6;
  }
}
