package io.moraine.server.cli;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.graph.shapes.Shapes;
import io.moraine.graph.store.GraphStore;
import io.moraine.server.api.graph.GraphApi;
import io.moraine.server.api.graph.GraphApiOptions;
import io.moraine.server.config.GraphConfig;
import io.moraine.server.http.HttpServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's graph side, built from the {@code graph} section: the graph store (opened by {@link
 * #open}, 503 until then), the metadata service's routes and the store figures at {@code /metrics}
 * ({@code moraine_graph_store_quads}, {@code _graphs}, {@code _disk_bytes}, refreshed per scrape).
 */
final class GraphRuntime implements AutoCloseable {
  private final GraphHandle handle;
  private final GraphApi api;
  private final AtomicReference<GraphStore.Stats> stats =
      new AtomicReference<>(new GraphStore.Stats(0, 0, 0));

  private GraphRuntime(GraphHandle handle, GraphApi api) {
    this.handle = handle;
    this.api = api;
  }

  /** Builds the graph side; nothing is opened yet. */
  static GraphRuntime create(
      GraphConfig config, Path dataDir, MetricRegistry registry, Clock clock) {
    GraphHandle handle = new GraphHandle(() -> GraphStores.open(config, dataDir), clock);
    String base = config.effectiveBaseIri(config.effectiveSite(null));
    GraphApi api =
        new GraphApi(
            handle,
            Shapes.standard(),
            new GraphApiOptions(
                base, config.queryTimeoutMillis(), config.maxResults(), config.maxBodySizeBytes()),
            clock,
            registry);
    GraphRuntime r = new GraphRuntime(handle, api);
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
    return api.register(routes);
  }

  private void refreshStats() {
    if (handle.isReady()) {
      stats.set(handle.stats());
    }
  }

  void open() {
    handle.open();
  }

  boolean isReady() {
    return handle.isReady();
  }

  @Override
  public void close() {
    handle.close();
  }
}
