package io.moraine.graph.render;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.ObjectRef;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/**
 * Turns the Kubernetes model into named graphs. Deterministic and free of blank nodes: the same
 * input renders to the same triples, so a re-render diffed against the store yields exactly the
 * change. Thread-safe.
 */
public interface GraphRenderer {

  /**
   * The state subgraphs that describe {@code object} (a {@code NodeInfo}, {@code WorkloadInfo},
   * {@code PodInfo}, {@code NamespaceInfo} or {@code PvcInfo}) as it is in {@code now}: graph name
   * to its full content. An object with {@code deletedAt} set renders as stopped, with its end
   * time.
   */
  Map<Node, Graph> render(Record object, ClusterState now);

  /** The site's own subgraph(s): the site, its nodes, its telemetry. */
  Map<Node, Graph> renderSite(ClusterState now);

  /** The names of the state subgraphs {@link #render} writes for {@code ref}. */
  List<Node> graphsOf(ObjectRef ref);

  /** The subgraph that holds {@code ref}'s window summaries of usage. */
  Node usageGraph(ObjectRef ref);

  /** The IRI of the entity {@code ref} (the subject its state and summaries describe). */
  Node entity(ObjectRef ref);

  /** The history graph's name. */
  Node historyGraph();

  /**
   * The triples that record one lifecycle event in the history graph; the event's IRI is unique per
   * subject uid, type and time, so recording it twice changes nothing.
   */
  Graph history(LifecycleEvent event);

  /**
   * The metrics {@code ref} links to (empty for kinds without telemetry), each with the PromQL that
   * selects it; window summaries evaluate these.
   */
  List<Telemetry> telemetry(ObjectRef ref, ClusterState now);

  /**
   * One metric of an object's telemetry.
   *
   * @param name the metric's short name ({@code cpu}, {@code memory}, {@code disk}, {@code
   *     network}, {@code energy}, {@code gpu})
   * @param promql an instant-vector PromQL expression whose single result is the object's value now
   *     (already aggregated with {@code sum})
   * @param unit the QUDT unit IRI of the value
   */
  record Telemetry(String name, String promql, String unit) {}
}
