package io.moraine.server.cli;

import io.moraine.graph.store.GraphStore;
import io.moraine.graph.store.RemoteGraphStore;
import io.moraine.graph.store.RemoteOptions;
import io.moraine.graph.store.StoreOptions;
import io.moraine.graph.store.Tdb2GraphStore;
import io.moraine.server.config.GraphConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the graph store that the {@code graph.store} section names: the embedded Jena TDB2 store in
 * {@code <data>/graph}, or a remote SPARQL 1.1 Graph Store Protocol dataset (Fuseki) with basic
 * auth whose password is read from {@code password_file} at open.
 */
final class GraphStores {
  private static final Logger LOG = LoggerFactory.getLogger(GraphStores.class);

  private GraphStores() {}

  /**
   * Opens the store; the caller closes it.
   *
   * @throws UncheckedIOException when the directory or the password file cannot be used
   */
  static GraphStore open(GraphConfig config, Path dataDir) {
    return switch (config.store()) {
      case GraphConfig.Store.Embedded e ->
          Tdb2GraphStore.open(dataDir.resolve("graph"), StoreOptions.DEFAULT);
      case GraphConfig.Store.Remote r -> remote(r);
    };
  }

  private static GraphStore remote(GraphConfig.Store.Remote r) {
    RemoteOptions options = RemoteOptions.fuseki(r.url());
    String user = r.username();
    Path passwordFile = r.passwordFile();
    if (user != null) {
      options = options.withBasicAuth(user, passwordFile == null ? "" : password(passwordFile));
    }
    LOG.atInfo()
        .addKeyValue("url", r.url())
        .addKeyValue("user", user == null ? "" : user)
        .log("graph store is remote");
    return RemoteGraphStore.connect(options);
  }

  private static String password(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read graph.store.remote password_file " + file + ": " + e.getMessage(), e);
    }
  }
}
