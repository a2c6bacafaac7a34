package io.moraine.graph.sync;

import io.moraine.kube.model.ObjectRef;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.jspecify.annotations.Nullable;

/**
 * Reads an object back from the name of its state graph (moraine profile: {@code {base}graph/} +
 * the entity's path), so that a re-sync after a restart can find objects it never saw in memory.
 * Immutable.
 */
final class StateGraphNames {
  private static final String HISTORY_SUFFIX = "graph/history";
  private static final Map<String, String> WORKLOAD_KINDS =
      Map.of(
          "deployment", "Deployment",
          "statefulset", "StatefulSet",
          "daemonset", "DaemonSet",
          "replicaset", "ReplicaSet",
          "job", "Job",
          "cronjob", "CronJob");

  private final String graphPrefix;

  private StateGraphNames(String base) {
    this.graphPrefix = base + "graph/";
  }

  /**
   * The parser for the profile whose history graph is {@code historyGraph}, or null when that name
   * does not follow the moraine profile ({@code {base}graph/history}).
   */
  static @Nullable StateGraphNames forHistoryGraph(Node historyGraph) {
    if (!historyGraph.isURI() || !historyGraph.getURI().endsWith(HISTORY_SUFFIX)) {
      return null;
    }
    String iri = historyGraph.getURI();
    return new StateGraphNames(iri.substring(0, iri.length() - HISTORY_SUFFIX.length()));
  }

  /** The object whose state graph {@code graph} would be (uid unknown), or null. */
  @Nullable ObjectRef parse(Node graph) {
    if (!graph.isURI() || !graph.getURI().startsWith(graphPrefix)) {
      return null;
    }
    String[] p = graph.getURI().substring(graphPrefix.length()).split("/", -1);
    for (String s : p) {
      if (s.isEmpty()) {
        return null;
      }
    }
    return switch (p[0]) {
      case "node" -> p.length == 2 ? new ObjectRef("Node", "", p[1], "") : null;
      case "namespace" -> p.length == 2 ? new ObjectRef("Namespace", "", p[1], "") : null;
      case "pod" -> p.length == 3 ? new ObjectRef("Pod", p[1], p[2], "") : null;
      case "pvc" -> p.length == 3 ? new ObjectRef("PersistentVolumeClaim", p[1], p[2], "") : null;
      case "workload" -> workload(p);
      default -> null;
    };
  }

  /** True for the controller kinds whose state graphs live under {@code workload/}. */
  static boolean isWorkloadKind(String kind) {
    return WORKLOAD_KINDS.containsValue(kind);
  }

  private static @Nullable ObjectRef workload(String[] p) {
    if (p.length != 4) {
      return null;
    }
    String kind = WORKLOAD_KINDS.get(p[2]);
    return kind == null ? null : new ObjectRef(kind, p[1], p[3], "");
  }
}
