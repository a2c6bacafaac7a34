package io.moraine.graph.store;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach an external dataset (e.g. Fuseki's {@code http://host:3030/ds}).
 *
 * @param dataset the dataset's base URL; the endpoints below are resolved against it
 * @param queryEndpoint SPARQL 1.1 Query endpoint, relative to {@code dataset} ({@code query})
 * @param updateEndpoint SPARQL 1.1 Update endpoint ({@code update})
 * @param graphStoreEndpoint SPARQL 1.1 Graph Store Protocol endpoint ({@code data})
 * @param username basic-auth user, or null for none
 * @param password basic-auth password (required with a user)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout bound on each Graph Store Protocol request and on updates
 * @param maxTimeoutMillis the longest a query or update may run, whatever its caller asks
 */
public record RemoteOptions(
    URI dataset,
    String queryEndpoint,
    String updateEndpoint,
    String graphStoreEndpoint,
    @Nullable String username,
    @Nullable String password,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxTimeoutMillis) {

  public RemoteOptions {
    Objects.requireNonNull(dataset, "dataset");
    if (username != null && password == null) {
      throw new IllegalArgumentException("remote graph store: a username needs a password");
    }
    if (maxTimeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "remote graph store maxTimeoutMillis must be positive, got " + maxTimeoutMillis);
    }
  }

  /** Fuseki's endpoint names, no auth, 5 s to connect, 30 s per request, 2 min per query. */
  public static RemoteOptions fuseki(URI dataset) {
    return new RemoteOptions(
        dataset,
        "query",
        "update",
        "data",
        null,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        120_000);
  }

  /** These options with basic auth. */
  public RemoteOptions withBasicAuth(String user, String pass) {
    return new RemoteOptions(
        dataset,
        queryEndpoint,
        updateEndpoint,
        graphStoreEndpoint,
        user,
        pass,
        connectTimeout,
        requestTimeout,
        maxTimeoutMillis);
  }

  String endpoint(String name) {
    String base = dataset.toString();
    return base.endsWith("/") ? base + name : base + "/" + name;
  }

  long effectiveTimeout(long requestedMillis) {
    return requestedMillis <= 0 ? maxTimeoutMillis : Math.min(requestedMillis, maxTimeoutMillis);
  }
}
