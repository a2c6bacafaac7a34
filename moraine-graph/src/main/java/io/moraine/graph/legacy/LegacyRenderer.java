package io.moraine.graph.legacy;

import io.moraine.graph.legacy.LegacyMeasurement.Scope;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.SiteInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;

/**
 * Renders a {@link ClusterState} and its measurements as one snapshot graph in the shape the
 * original GLACIATION exporter wrote: the cluster, nodes with their CPU/GPU/Network/RAM/Storage
 * sub-resources and allocatable capacity, workloads with soft and hard constraints, pods and
 * containers with statuses, the scheduler, units, properties, sources and aspects.
 *
 * <p>Deterministic and free of blank nodes: the same input renders to the same triples. Thread-safe
 * (immutable); each call builds a fresh graph the caller owns.
 */
public final class LegacyRenderer {
  private final LegacyOptions options;

  public LegacyRenderer(LegacyOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public LegacyOptions options() {
    return options;
  }

  /**
   * The {@code cluster:} namespace for {@code site}: the configured one, else {@code
   * https://<host[:port]>/#} of its API server, else {@code https://kubernetes.local/#}.
   */
  public String clusterNamespace(SiteInfo site) {
    if (!options.clusterNamespace().isEmpty()) {
      return options.clusterNamespace();
    }
    try {
      URI api = new URI(site.apiServer().trim());
      String host = api.getHost();
      if (host != null && !host.isEmpty()) {
        return "https://" + host + (api.getPort() > 0 ? ":" + api.getPort() : "") + "/#";
      }
    } catch (URISyntaxException e) {
      // fall through to the default, as the original did when the address was unknown
    }
    return LegacyVocabulary.DEFAULT_CLUSTER_NAMESPACE;
  }

  /** The snapshot of {@code state} at {@code atMillis} with {@code measurements}. */
  public Graph render(ClusterState state, List<LegacyMeasurement> measurements, long atMillis) {
    return render(state, List.of(), measurements, atMillis);
  }

  /**
   * The snapshot of {@code state} at {@code atMillis}, also reporting {@code departed} objects
   * (pods and nodes deleted since the last snapshot, a {@code PodInfo} or {@code NodeInfo} each;
   * other records are ignored) once with their end. Measurements of resources that are not live in
   * {@code state} are dropped.
   */
  public Graph render(
      ClusterState state,
      Collection<? extends Record> departed,
      List<LegacyMeasurement> measurements,
      long atMillis) {
    LegacyGraphBuilder b = new LegacyGraphBuilder(clusterNamespace(state.site()), atMillis);
    Map<String, List<LegacyMeasurement>> nodeValues = group(measurements, Scope.NODE);
    Map<String, List<LegacyMeasurement>> podValues = group(measurements, Scope.POD);

    List<NodeInfo> nodes = sorted(state.nodes().values(), n -> n.ref().name());
    List<NodeInfo> liveNodes = nodes.stream().filter(n -> n.deletedAt() == null).toList();
    NodePart.cluster(b, state.site(), liveNodes);
    for (NodeInfo n : nodes) {
      if (n.deletedAt() == null) {
        NodePart.render(b, n, nodeValues.getOrDefault(n.ref().name(), List.of()));
      } else {
        NodePart.departed(b, n);
      }
    }
    for (WorkloadInfo w : sorted(state.workloads().values(), w -> w.ref().key())) {
      if (w.deletedAt() == null) {
        WorkloadPart.render(b, w);
      }
    }
    Set<String> livePods = state.pods().keySet();
    for (PodInfo p : sorted(state.pods().values(), p -> p.ref().key())) {
      List<LegacyMeasurement> values =
          p.terminal() ? List.of() : podValues.getOrDefault(PodPart.key(p), List.of());
      PodPart.render(b, p, false, values);
    }
    for (Record r : departed) {
      if (r instanceof PodInfo p && !livePods.contains(p.ref().key())) {
        PodPart.render(b, p, true, List.of());
      } else if (r instanceof NodeInfo n && !state.nodes().containsKey(n.ref().key())) {
        NodePart.departed(b, n);
      }
    }
    return b.graph();
  }

  private static Map<String, List<LegacyMeasurement>> group(
      List<LegacyMeasurement> measurements, Scope scope) {
    Map<String, List<LegacyMeasurement>> out = new HashMap<>();
    for (LegacyMeasurement m : measurements) {
      if (m.scope() == scope) {
        out.computeIfAbsent(m.resource(), k -> new ArrayList<>()).add(m);
      }
    }
    return out;
  }

  private static <T> List<T> sorted(
      Collection<T> values, java.util.function.Function<T, String> key) {
    return values.stream().sorted(Comparator.comparing(key)).collect(Collectors.toList());
  }
}
