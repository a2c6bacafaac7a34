package io.moraine.server.cli;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.graph.render.Vocab;
import io.moraine.graph.retention.GrowthCompaction;
import io.moraine.graph.retention.Retention;
import io.moraine.graph.retention.RetentionOptions;
import io.moraine.graph.shapes.Shapes;
import io.moraine.graph.sites.SiteView;
import io.moraine.graph.sites.SiteViewOptions;
import io.moraine.graph.store.GraphStore;
import io.moraine.graph.usage.UsageSource;
import io.moraine.server.api.graph.GraphApi;
import io.moraine.server.api.graph.GraphApiOptions;
import io.moraine.server.api.graph.SitesApi;
import io.moraine.server.config.GraphConfig;
import io.moraine.server.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The server's graph side, built from the {@code graph} section: the graph store (opened by {@link
 * #open}, 503 until then), the metadata service's routes, retention of history and summaries
 * ({@code graph.retention}, a pass an hour once open) and the store figures at {@code /metrics}
 * ({@code moraine_graph_store_quads}, {@code _graphs}, {@code _disk_bytes}, refreshed per scrape).
 */
final class GraphRuntime implements AutoCloseable {
  private final GraphHandle handle;
  private final GraphApi api;
  private final SitesApi sites;
  private final Retention retention;
  private final GrowthCompaction compaction;
  private final AtomicReference<GraphStore.Stats> stats =
      new AtomicReference<>(new GraphStore.Stats(0, 0, 0));

  private GraphRuntime(GraphHandle handle, GraphApi api, SitesApi sites, Retention retention) {
    this.handle = handle;
    this.api = api;
    this.sites = sites;
    this.retention = retention;
    this.compaction = new GrowthCompaction(handle, GrowthCompaction.Options.DEFAULT);
  }

  /**
   * Builds the graph side; nothing is opened yet.
   *
   * @param siteFallback the site name when {@code graph.site} is not set ({@code kubernetes.site}),
   *     or null for {@code default}
   * @param usage evaluates the sites API's usage queries (the server's PromQL engine)
   */
  static GraphRuntime create(
      GraphConfig config,
      @Nullable String siteFallback,
      Path dataDir,
      MetricRegistry registry,
      Clock clock,
      UsageSource usage) {
    GraphHandle handle = new GraphHandle(() -> GraphStores.open(config, dataDir), clock);
    String site = config.effectiveSite(siteFallback);
    String base = config.effectiveBaseIri(site);
    // a window longer than the graph keeps its history would report what it no longer knows
    SiteViewOptions siteOptions =
        new SiteViewOptions(
            site,
            base,
            Duration.ofMillis(config.retentionMillis()),
            SiteViewOptions.DEFAULT_MIN_STEP,
            SiteViewOptions.DEFAULT_MAX_STEPS,
            config.queryTimeoutMillis());
    SitesApi sites = new SitesApi(new SiteView(handle, usage, siteOptions), clock);
    GraphApi api =
        new GraphApi(
            handle,
            Shapes.standard(),
            new GraphApiOptions(
                base, config.queryTimeoutMillis(), config.maxResults(), config.maxBodySizeBytes()),
            clock,
            registry);
    RetentionOptions defaults = RetentionOptions.defaults(base + "graph/", Vocab.Mor.AT);
    Retention retention =
        new Retention(
            handle,
            new RetentionOptions(
                Duration.ofMillis(config.retentionMillis()),
                defaults.graphPrefix(),
                defaults.historyGraph(),
                defaults.eventTime(),
                defaults.endTime(),
                defaults.compactAfterQuads(),
                defaults.interval()),
            clock);
    GraphRuntime r = new GraphRuntime(handle, api, sites, retention);
    registry.counter(
        "moraine_graph_retention_failures_total",
        "Graph retention passes that failed.",
        retention::failures);
    registry.counter(
        "moraine_graph_compactions_total",
        "Compactions of the graph store because its files grew (TDB2 reclaims space only so).",
        r.compaction::compactions);
    registry.gauge(
        "moraine_graph_store_quads", "Quads in the graph store.", () -> r.stats.get().quads());
    registry.gauge(
        "moraine_graph_store_graphs",
        "Named graphs in the graph store.",
        () -> r.stats.get().graphs());
    registry.gauge(
        "moraine_graph_store_disk_bytes",
        "Bytes the graph store takes on disk (-1 for a remote store).",
        () -> r.stats.get().diskBytes());
    return r;
  }

  /** Registers the metadata service's routes and the store figures' refresh. */
  HttpServer.Builder register(HttpServer.Builder routes) {
    routes.beforeScrape(this::refreshStats);
    return api.registerSites(api.register(routes), sites);
  }

  private void refreshStats() {
    if (handle.isReady()) {
      stats.set(handle.stats());
    }
  }

  /** Opens the store and starts retention's schedule. */
  void open() {
    handle.open();
    retention.start();
    compaction.start();
  }

  /** The opened store (503 through {@link GraphHandle} before {@link #open}). */
  GraphStore store() {
    return handle;
  }

  boolean isReady() {
    return handle.isReady();
  }

  @Override
  public void close() {
    compaction.close();
    retention.close();
    handle.close();
  }
}
