package io.moraine.graph.render;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.PvcInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/**
 * The moraine profile: GLC-MRM classes and properties with the {@code k8s:} specialisation, QUDT
 * units, {@code xsd:dateTime} times, Moraine's {@code mor:} terms where the model lacks one, and
 * stable IRIs under {@link RenderOptions#baseIri()} (see docs/graph.md). Every workload, pod and
 * node has two subgraphs: its state ({@code {base}graph/<path>}) and its telemetry ({@code
 * {base}graph/<path>/telemetry}); namespaces and claims have one. Stateless apart from its options;
 * thread-safe.
 */
public final class MoraineRenderer implements GraphRenderer {
  private final RenderOptions options;
  private final Iris iris;
  private final WorkloadView workloads;
  private final PodView pods;
  private final NodeView nodes;
  private final ScopeView scopes;
  private final TelemetryView telemetry;

  public MoraineRenderer(RenderOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.iris = new Iris(options.baseIri());
    this.workloads = new WorkloadView(iris);
    this.pods = new PodView(iris);
    this.nodes = new NodeView(iris);
    this.scopes = new ScopeView(options, iris);
    this.telemetry = new TelemetryView(options, iris);
  }

  /** The options this renderer was made with. */
  public RenderOptions options() {
    return options;
  }

  @Override
  public Map<Node, Graph> render(Record object, ClusterState now) {
    Map<Node, Graph> out = new LinkedHashMap<>();
    switch (object) {
      case WorkloadInfo w -> withTelemetry(out, w.ref(), workloads.render(w, now));
      case PodInfo p -> withTelemetry(out, p.ref(), pods.render(p));
      case NodeInfo n -> withTelemetry(out, n.ref(), nodes.render(n));
      case NamespaceInfo ns -> out.put(stateGraph(ns.ref()), scopes.namespace(ns));
      case PvcInfo p -> out.put(stateGraph(p.ref()), scopes.pvc(p));
      default ->
          throw new IllegalArgumentException(
              "cannot render " + object.getClass().getSimpleName() + " as a graph");
    }
    return out;
  }

  @Override
  public Map<Node, Graph> renderSite(ClusterState now) {
    Map<Node, Graph> out = new LinkedHashMap<>();
    out.put(iris.graph("site"), scopes.site(now));
    out.put(iris.graph("site/telemetry"), telemetry.render(iris.site(), Queries.forSite()));
    return out;
  }

  /** The names of the site's subgraphs, as {@link #renderSite} writes them. */
  public List<Node> siteGraphs() {
    return List.of(iris.graph("site"), iris.graph("site/telemetry"));
  }

  @Override
  public List<Node> graphsOf(ObjectRef ref) {
    String path = Iris.path(ref);
    if (hasTelemetry(ref)) {
      return List.of(iris.graph(path), iris.graph(path + "/telemetry"));
    }
    return List.of(iris.graph(path));
  }

  @Override
  public Node usageGraph(ObjectRef ref) {
    return iris.graph("usage/" + Iris.path(ref));
  }

  @Override
  public Node entity(ObjectRef ref) {
    return iris.entity(ref);
  }

  /** The site's IRI ({@code {base}site}). */
  public Node site() {
    return iris.site();
  }

  @Override
  public Node historyGraph() {
    return iris.history();
  }

  @Override
  public Graph history(LifecycleEvent event) {
    Emit e = new Emit();
    Node subject = iris.entity(event.subject());
    String type = event.type().name().toLowerCase(Locale.ROOT);
    Node ev = Iris.under(subject, "event/" + type + "/" + event.at().toEpochMilli());
    e.type(ev, Vocab.Mor.LIFECYCLE_EVENT);
    e.add(ev, Vocab.Mor.SUBJECT, subject);
    e.text(ev, Vocab.Mor.EVENT_TYPE, type);
    e.time(ev, Vocab.Mor.AT, event.at());
    e.text(ev, Vocab.Mor.REASON, event.reason());
    e.text(ev, Vocab.Mor.UID, event.subject().uid());
    return e.graph();
  }

  @Override
  public List<Telemetry> telemetry(ObjectRef ref, ClusterState now) {
    Queries q = queries(ref);
    return q == null ? List.of() : q.metrics();
  }

  /** The site-wide metrics, as the site's telemetry shows them. */
  public List<Telemetry> siteTelemetry() {
    return Queries.forSite().metrics();
  }

  private void withTelemetry(Map<Node, Graph> out, ObjectRef ref, Graph state) {
    out.put(stateGraph(ref), state);
    Queries q = Objects.requireNonNull(queries(ref), "BUG: no queries for " + ref.kind());
    out.put(iris.graph(Iris.path(ref) + "/telemetry"), telemetry.render(iris.entity(ref), q));
  }

  private Node stateGraph(ObjectRef ref) {
    return iris.graph(Iris.path(ref));
  }

  private static boolean hasTelemetry(ObjectRef ref) {
    return Iris.WORKLOAD_KINDS.contains(ref.kind())
        || ref.kind().equals("Pod")
        || ref.kind().equals("Node");
  }

  private @org.jspecify.annotations.Nullable Queries queries(ObjectRef ref) {
    if (ref.kind().equals("Node")) {
      return Queries.forNode(ref.name(), options.nodeLabel());
    }
    if (hasTelemetry(ref)) {
      return Queries.forPods(ref);
    }
    return null;
  }
}
