package io.moraine.graph.legacy;

import java.util.List;
import java.util.Objects;

/**
 * How the legacy profile renders.
 *
 * @param clusterNamespace the {@code cluster:} namespace IRI; empty to derive {@code
 *     https://<api-server host[:port]>/#} from the site's API server URL (as the original did from
 *     {@code serverAddressByClientCIDRs}), {@code https://kubernetes.local/#} when there is none
 * @param nodeQueries measurements per node (results keyed by node name)
 * @param podQueries measurements per pod (results keyed by {@code <namespace>.<pod>})
 */
public record LegacyOptions(
    String clusterNamespace, List<LegacyQuery> nodeQueries, List<LegacyQuery> podQueries) {

  /** The original's default query set, corrected (see {@code docs/graph.md}). */
  public static final LegacyOptions DEFAULT =
      new LegacyOptions("", LegacyQueries.NODE, LegacyQueries.POD);

  public LegacyOptions {
    Objects.requireNonNull(clusterNamespace, "clusterNamespace");
    if (!clusterNamespace.isEmpty()
        && !(clusterNamespace.endsWith("#") || clusterNamespace.endsWith("/"))) {
      throw new IllegalArgumentException(
          "legacy clusterNamespace must end in '#' or '/' to be a JSON-LD prefix, got "
              + clusterNamespace);
    }
    nodeQueries = List.copyOf(nodeQueries);
    podQueries = List.copyOf(podQueries);
  }

  /** These options with another {@code cluster:} namespace. */
  public LegacyOptions withClusterNamespace(String namespace) {
    return new LegacyOptions(namespace, nodeQueries, podQueries);
  }
}
