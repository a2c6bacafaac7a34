package io.moraine.server.cli;

import io.moraine.graph.store.GraphStore;
import io.moraine.server.config.GraphConfig;
import io.moraine.server.store.MemoryGraphStore;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the graph store that the {@code graph.store} section names. The seam where the embedded
 * TDB2 store ({@code Tdb2GraphStore.open(<data>/graph, ...)}) and the remote Graph Store Protocol
 * store ({@code RemoteGraphStore}) plug in; until they are on main, {@code embedded} opens an
 * in-memory store (nothing survives a restart) and {@code remote} is refused.
 */
final class GraphStores {
  private static final Logger LOG = LoggerFactory.getLogger(GraphStores.class);

  private GraphStores() {}

  static GraphStore open(GraphConfig config, Path dataDir) {
    return switch (config.store()) {
      case GraphConfig.Store.Embedded e -> {
        LOG.atWarn()
            .addKeyValue("path", dataDir.resolve("graph"))
            .log("graph store is in memory in this build: subgraphs do not survive a restart");
        yield new MemoryGraphStore();
      }
      case GraphConfig.Store.Remote r ->
          throw new IllegalStateException(
              "graph.store.remote (" + r.url() + ") is not available in this build yet");
    };
  }
}
