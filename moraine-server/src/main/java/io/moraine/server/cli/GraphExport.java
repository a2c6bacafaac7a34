package io.moraine.server.cli;

import io.moraine.graph.render.MoraineRenderer;
import io.moraine.graph.render.RenderOptions;
import io.moraine.graph.sync.GraphSync;
import io.moraine.graph.sync.GraphSyncOptions;
import io.moraine.graph.sync.UsageSummaries;
import io.moraine.graph.sync.UsageSummariesOptions;
import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ModelChange;
import io.moraine.server.config.GraphConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code moraine} profile's export: {@link GraphSync} (changes as deltas, lifecycle history)
 * and {@link UsageSummaries} (window summaries every {@code graph.summary_interval} over {@code
 * graph.summary_window}). The renderer needs the site's name, which the watcher resolves before it
 * tells anything, so both are created from the first change's state (the initial {@code Resynced})
 * and then told every change. Runs on the watcher's dispatch thread; {@link #close} may come from
 * any thread.
 */
final class GraphExport implements ClusterListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GraphExport.class);

  private final GraphConfig config;
  private final KubeRuntime.Wiring wiring;
  private final Object lock = new Object();
  private @Nullable GraphSync sync; // guarded by lock
  private @Nullable UsageSummaries summaries; // guarded by lock
  private boolean closed; // guarded by lock

  GraphExport(GraphConfig config, KubeRuntime.Wiring wiring) {
    this.config = config;
    this.wiring = wiring;
  }

  @Override
  public void onChange(ModelChange change, ClusterState now) {
    GraphSync s;
    UsageSummaries u;
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (sync == null) {
        create(now);
      }
      s = sync;
      u = summaries;
    }
    if (s != null && u != null) {
      s.onChange(change, now);
      u.onChange(change, now);
    }
  }

  /** Guarded by lock. */
  private void create(ClusterState first) {
    String site = first.site().name();
    // IRIs use the configured site (as the metadata service and the sites API do), so a name the
    // watcher found itself (kubeadm-config, the API host) names the site but does not move the
    // graph away from /subgraph/{id}; without a configured site the base says "default"
    String iriSite = config.effectiveSite("config".equals(first.site().nameSource()) ? site : null);
    RenderOptions render =
        RenderOptions.forServer(site, wiring.serverUrl())
            .withBaseIri(config.effectiveBaseIri(iriSite));
    MoraineRenderer renderer = new MoraineRenderer(render);
    sync =
        GraphSync.start(
            renderer,
            wiring.graph(),
            wiring.registry(),
            GraphSyncOptions.DEFAULT.withClock(wiring.clock()));
    UsageSummariesOptions d = UsageSummariesOptions.DEFAULT;
    Duration window = Duration.ofMillis(config.summaryWindowMillis());
    UsageSummaries u =
        new UsageSummaries(
            renderer,
            wiring.graph(),
            wiring.usage(),
            wiring.registry(),
            new UsageSummariesOptions(
                window,
                Duration.ofMillis(config.summaryIntervalMillis()),
                d.step().compareTo(window) > 0 ? window : d.step(),
                wiring.clock()));
    u.start();
    summaries = u;
    LOG.atInfo()
        .addKeyValue("site", site)
        .addKeyValue("base", render.baseIri())
        .log("knowledge graph export started");
  }

  /** The delta sync once created, for tests. */
  @Nullable GraphSync sync() {
    synchronized (lock) {
      return sync;
    }
  }

  /** Stops the summaries, then writes what the sync holds and stops it. Idempotent. */
  @Override
  public void close() {
    GraphSync s;
    UsageSummaries u;
    synchronized (lock) {
      closed = true;
      s = sync;
      u = summaries;
    }
    if (u != null) {
      u.close();
    }
    if (s != null) {
      s.close();
    }
  }
}
