package io.moraine.server.api.graph;

import java.util.Objects;

/**
 * The metadata service's settings.
 *
 * @param baseIri the site's base IRI, ending in {@code /}; subgraph {@code id} is the graph {@code
 *     <baseIri>graph/<id>}
 * @param queryTimeoutMillis how long a SPARQL query or update may run
 * @param maxResults the most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a query may return;
 *     more is an error, never a silent truncation
 * @param maxBodyBytes the largest request body read
 */
public record GraphApiOptions(
    String baseIri, long queryTimeoutMillis, long maxResults, long maxBodyBytes) {
  public GraphApiOptions {
    Objects.requireNonNull(baseIri, "baseIri");
    if (!baseIri.endsWith("/")) {
      throw new IllegalArgumentException("base IRI must end with /: " + baseIri);
    }
    if (queryTimeoutMillis <= 0 || maxResults <= 0 || maxBodyBytes <= 0) {
      throw new IllegalArgumentException("graph API limits must be positive");
    }
  }
}
