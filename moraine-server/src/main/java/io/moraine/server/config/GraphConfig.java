package io.moraine.server.config;

import io.moraine.graph.render.IriSegments;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Moraine's {@code graph} section: the workload knowledge graph, its store and the metadata
 * service's limits. Immutable.
 *
 * @param baseIri the site's base IRI, ending in {@code /}; {@code {site}} in it stands for the
 *     percent-encoded site name (see {@link #effectiveBaseIri})
 * @param site the site's name, or null to take it from the Kubernetes watcher (else {@code
 *     default})
 * @param profile the shape of the graph the exporter writes
 * @param store where the graph lives
 * @param retentionMillis how long lifecycle history and usage summaries are kept (7d)
 * @param summaryWindowMillis the window of usage summaries (5m)
 * @param summaryIntervalMillis how often summaries are refreshed (1m)
 * @param queryTimeoutMillis how long a SPARQL query or update may run (30s)
 * @param maxResults the most rows (or triples) a query may return (100000)
 * @param maxBodySizeBytes the largest request body the metadata service reads (16MiB)
 */
public record GraphConfig(
    String baseIri,
    @Nullable String site,
    Profile profile,
    Store store,
    long retentionMillis,
    long summaryWindowMillis,
    long summaryIntervalMillis,
    long queryTimeoutMillis,
    long maxResults,
    long maxBodySizeBytes) {
  /** The base IRI used when none is configured. */
  public static final String DEFAULT_BASE_IRI = "https://moraine.local/site/{site}/";

  /** The site name used when neither the file nor the Kubernetes watcher names one. */
  public static final String DEFAULT_SITE = "default";

  /** Embedded store, moraine profile, 7d retention, 5m windows every 1m, 30s, 100000, 16MiB. */
  public static final GraphConfig DEFAULT =
      new GraphConfig(
          DEFAULT_BASE_IRI,
          null,
          Profile.MORAINE,
          new Store.Embedded(),
          7L * 86_400_000,
          300_000,
          60_000,
          30_000,
          100_000,
          16L << 20);

  public GraphConfig {
    Objects.requireNonNull(baseIri, "baseIri");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(store, "store");
  }

  /** The site name in effect: the configured one, else {@code fallback}, else {@code default}. */
  public String effectiveSite(@Nullable String fallback) {
    if (site != null) {
      return site;
    }
    return fallback == null || fallback.isEmpty() ? DEFAULT_SITE : fallback;
  }

  /**
   * The base IRI with {@code {site}} replaced by {@code siteName} encoded as the renderer encodes
   * IRI segments.
   */
  public String effectiveBaseIri(String siteName) {
    return baseIri.replace("{site}", IriSegments.encode(siteName));
  }

  /** {@code graph.profile}. */
  public enum Profile {
    /** Moraine's own graph: the real GLC-MRM namespace, stable IRIs, state graphs. */
    MORAINE("moraine"),
    /** The graph the original GLACIATION exporter wrote (pseudo-IRIs, timestamp graphs). */
    GLACIATION_LEGACY("glaciation-legacy");

    private final String wireName;

    Profile(String wireName) {
      this.wireName = wireName;
    }

    /** The name in the file. */
    public String wireName() {
      return wireName;
    }
  }

  /** {@code graph.store}: embedded (Jena TDB2 under {@code <data>/graph}) or a remote endpoint. */
  public sealed interface Store {
    /** The embedded store in {@code <data>/graph}. */
    record Embedded() implements Store {}

    /**
     * A SPARQL 1.1 Graph Store Protocol endpoint (e.g. a Fuseki dataset).
     *
     * @param url the dataset's URL, e.g. {@code http://fuseki:3030/moraine}
     * @param username basic-auth user, or null
     * @param passwordFile the file holding the password, or null
     */
    record Remote(URI url, @Nullable String username, @Nullable Path passwordFile)
        implements Store {
      public Remote {
        Objects.requireNonNull(url, "url");
      }
    }
  }
}
