package io.moraine.server.cli;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.time.Clock;
import io.moraine.graph.legacy.LegacySnapshotExporter;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.usage.UsageSource;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.state.KubeStateExporter;
import io.moraine.kube.state.KubeStateOptions;
import io.moraine.kube.watch.ClusterWatcher;
import io.moraine.kube.watch.ClusterWatcherOptions;
import io.moraine.server.config.GraphConfig;
import io.moraine.server.config.KubernetesConfig;
import io.moraine.server.kube.KubeApiAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Kubernetes side, built from the {@code kubernetes} and {@code graph} sections: a
 * {@link ClusterWatcher} over the site's API whose changes go to the knowledge graph (the {@code
 * moraine} profile's delta sync and usage summaries, see {@link GraphExport}, or the {@code
 * glaciation-legacy} snapshot exporter), and once the first list is complete the kube-state metrics
 * appended through the server's {@link Appendable} every {@code kube_state_metrics.interval}.
 *
 * <p>Nothing here gates readiness: while the API is unreachable the watcher retries (each failed
 * list or watch is logged and counted in {@code moraine_kube_watch_failures_total}) and the server
 * serves what it has. {@link #close} stops the watcher first, then the metrics, then writes what
 * the graph sync holds; the caller closes the graph store and the metrics store afterwards.
 */
final class KubeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeRuntime.class);

  /**
   * What the Kubernetes side is wired to.
   *
   * @param metrics where kube-state metrics are appended (the teed store scrapes use)
   * @param graph the open graph store (not owned)
   * @param usage evaluates summary and legacy measurement PromQL
   * @param serverUrl this server's URL, which the graph's telemetry links point to
   * @param version the server's version, for the API client's {@code User-Agent}
   */
  record Wiring(
      Appendable metrics,
      GraphStore graph,
      UsageSource usage,
      MetricRegistry registry,
      Clock clock,
      String serverUrl,
      String version) {}

  private final @Nullable ClusterWatcher watcher;
  private final @Nullable AutoCloseable graphSide;
  private final ScheduledExecutorService timer;
  private final @Nullable KubeStateExporter kubeState;

  private KubeRuntime(
      @Nullable ClusterWatcher watcher,
      @Nullable AutoCloseable graphSide,
      ScheduledExecutorService timer,
      @Nullable KubeStateExporter kubeState) {
    this.watcher = watcher;
    this.graphSide = graphSide;
    this.timer = timer;
    this.kubeState = kubeState;
  }

  /**
   * Starts watching; returns at once (the first list completes in the background). When the client
   * cannot be built (bad kubeconfig, no in-cluster settings) the error is logged and counted and
   * nothing is watched.
   */
  static KubeRuntime start(KubernetesConfig k, GraphConfig g, Wiring w) {
    AtomicLong startFailures = new AtomicLong();
    ClusterWatcher watcher;
    try {
      watcher = new ClusterWatcher(watcherOptions(k, g, w));
    } catch (IOException | IllegalArgumentException e) {
      LOG.atError()
          .addKeyValue("err", e.getMessage())
          .log("cannot create the Kubernetes client; the site is not watched");
      startFailures.incrementAndGet();
      watcher = null;
    }
    ClusterWatcher cw = watcher;
    w.registry()
        .counter(
            "moraine_kube_watch_failures_total",
            "Failed Kubernetes lists and watches (retried), and watchers that could not start.",
            () -> startFailures.get() + (cw == null ? 0 : cw.watchFailures()));
    w.registry()
        .gauge(
            "moraine_kube_watch_synced",
            "1 once every watched kind has been listed, else 0.",
            () -> cw != null && cw.state() != null ? 1 : 0);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("moraine-kube-state").daemon(true).factory());
    if (cw == null) {
      return new KubeRuntime(null, null, timer, null);
    }
    AutoCloseable graphSide = graphSide(cw, g, w);
    KubeStateExporter ksm = k.kubeStateMetrics() ? kubeState(cw, k, w) : null;
    cw.start()
        .whenComplete(
            (state, err) -> {
              if (err != null) {
                startFailures.incrementAndGet();
                LOG.atWarn().addKeyValue("err", err.toString()).log("cluster watcher ended");
                return;
              }
              LOG.atInfo()
                  .addKeyValue("site", state.site().name())
                  .addKeyValue("site_source", state.site().nameSource())
                  .addKeyValue("nodes", state.nodes().size())
                  .addKeyValue("workloads", state.workloads().size())
                  .addKeyValue("pods", state.pods().size())
                  .log("Kubernetes listed");
              if (ksm != null && !timer.isShutdown()) {
                ksm.start(timer);
              }
            });
    return new KubeRuntime(cw, graphSide, timer, ksm);
  }

  private static ClusterWatcherOptions watcherOptions(KubernetesConfig k, GraphConfig g, Wiring w)
      throws IOException {
    String site = k.site() != null ? k.site() : g.site();
    return new ClusterWatcherOptions(
        KubeApiAccess.clientOptions(
            k.apiServer(),
            k.kubeconfigFile(),
            k.httpClient(),
            "Moraine/" + w.version(),
            System.getenv()),
        k.namespaces(),
        Duration.ofMillis(k.resyncMillis()),
        site,
        w.clock());
  }

  /** The graph profile's listener(s), registered before the watcher starts. */
  private static AutoCloseable graphSide(ClusterWatcher cw, GraphConfig g, Wiring w) {
    return switch (g.profile()) {
      case MORAINE -> {
        GraphExport export = new GraphExport(g, w);
        cw.addListener(export);
        yield export;
      }
      case GLACIATION_LEGACY -> {
        LegacySnapshotExporter.Options d = LegacySnapshotExporter.Options.DEFAULT;
        LegacySnapshotExporter legacy =
            new LegacySnapshotExporter(
                new LegacySnapshotExporter.Options(
                    Duration.ofMillis(g.summaryIntervalMillis()), d.retention(), d.render()),
                w.graph(),
                w.usage(),
                w.clock());
        legacy.register(w.registry());
        cw.addListener(legacy);
        legacy.start();
        yield legacy;
      }
    };
  }

  private static KubeStateExporter kubeState(ClusterWatcher cw, KubernetesConfig k, Wiring w) {
    return new KubeStateExporter(
        new KubeStateOptions(Duration.ofMillis(k.kubeStateIntervalMillis()), w.clock()),
        () -> {
          ClusterState s = cw.state();
          if (s == null) {
            throw new IllegalStateException("BUG: kube-state round before the first list");
          }
          return s;
        },
        w.metrics(),
        w.registry());
  }

  /** The graph export, for tests: null without a watcher or in the legacy profile. */
  @Nullable GraphExport graphExport() {
    return graphSide instanceof GraphExport e ? e : null;
  }

  /** Stops watching, the kube-state rounds, then flushes the graph side. Idempotent. */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (kubeState != null) {
      kubeState.close();
    }
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.atWarn().log("kube-state round did not finish in 10s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (graphSide != null) {
      try {
        graphSide.close();
      } catch (Exception e) {
        LOG.atWarn().setCause(e).log("closing the graph export failed");
      }
    }
  }
}
