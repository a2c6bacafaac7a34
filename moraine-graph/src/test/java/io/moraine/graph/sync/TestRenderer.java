package io.moraine.graph.sync;

import io.moraine.graph.render.GraphRenderer;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.NamespaceInfo;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import io.moraine.kube.model.PodInfo;
import io.moraine.kube.model.PvcInfo;
import io.moraine.kube.model.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;

/**
 * A small but real renderer for the sync's tests: a few triples per object (type, id, status with
 * start and end times, the node a pod consumes), deterministic IRIs per the moraine IRI scheme, one
 * state graph per object. A workload's status derives from its pods, as in the real renderer.
 */
final class TestRenderer implements GraphRenderer {
  static final String GLC = "https://glaciation-project.eu/MetadataReferenceModel#";
  static final String MOR = "https://moraine.dev/ns#";
  static final Node TYPE = uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  static final Node HAS_ID = glc("hasID");
  static final Node HAS_STATUS = glc("hasStatus");
  static final Node DESCRIPTION = glc("hasDescription");
  static final Node START = glc("startTime");
  static final Node END = glc("endTime");

  final String base;

  TestRenderer(String site) {
    this.base = "https://moraine.local/site/" + site + "/";
  }

  static Node uri(String s) {
    return NodeFactory.createURI(s);
  }

  static Node glc(String local) {
    return uri(GLC + local);
  }

  static Node time(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }

  static String path(ObjectRef ref) {
    return switch (ref.kind()) {
      case "Node" -> "node/" + ref.name();
      case "Pod" -> "pod/" + ref.namespace() + "/" + ref.name();
      case "Namespace" -> "namespace/" + ref.name();
      case "PersistentVolumeClaim" -> "pvc/" + ref.namespace() + "/" + ref.name();
      default ->
          "workload/"
              + ref.namespace()
              + "/"
              + ref.kind().toLowerCase(Locale.ROOT)
              + "/"
              + ref.name();
    };
  }

  @Override
  public Map<Node, Graph> render(Record object, ClusterState now) {
    ObjectRef ref = DeltaPlanner.refOf(object);
    Node e = entity(ref);
    Graph g = GraphFactory.createDefaultGraph();
    g.add(e, HAS_ID, NodeFactory.createLiteralString(ref.name()));
    switch (object) {
      case PodInfo p -> {
        g.add(e, TYPE, glc("POD"));
        if (!p.nodeName().isEmpty()) {
          g.add(e, glc("consumes"), uri(base + "node/" + p.nodeName()));
        }
        Instant end = p.finishedAt() != null ? p.finishedAt() : p.deletedAt();
        status(g, e, p.deletedAt() != null ? "Stopped" : p.phase(), p.startedAt(), end);
      }
      case WorkloadInfo w -> {
        g.add(e, TYPE, glc("AssignedTask"));
        g.add(e, DESCRIPTION, NodeFactory.createLiteralString(w.ref().kind()));
        workloadStatus(g, e, w, now);
      }
      case NodeInfo n -> {
        g.add(e, TYPE, glc("Node"));
        status(g, e, n.deletedAt() != null ? "Stopped" : n.ready(), n.readySince(), n.deletedAt());
      }
      case NamespaceInfo n -> g.add(e, TYPE, glc("Namespace"));
      case PvcInfo p -> g.add(e, TYPE, glc("Storage"));
      default -> throw new IllegalArgumentException(object.getClass().toString());
    }
    return Map.of(graphsOf(ref).getFirst(), g);
  }

  private void workloadStatus(Graph g, Node e, WorkloadInfo w, ClusterState now) {
    Instant start = null;
    boolean running = false;
    for (PodInfo p : now.pods().values()) {
      if (!w.ref().equals(p.workload()) && !w.ref().equals(p.owner())) {
        continue;
      }
      running |= p.phase().equals("Running");
      if (p.startedAt() != null && (start == null || p.startedAt().isBefore(start))) {
        start = p.startedAt();
      }
    }
    Instant end = w.deletedAt() != null ? w.deletedAt() : w.completedAt();
    String phase = end != null ? "Stopped" : running ? "Running" : "Pending";
    status(g, e, phase, start, end);
  }

  private static void status(
      Graph g, Node e, String phase, @Nullable Instant start, @Nullable Instant end) {
    Node s = uri(e.getURI() + "/status");
    g.add(e, HAS_STATUS, s);
    g.add(s, TYPE, glc("Status"));
    g.add(s, DESCRIPTION, NodeFactory.createLiteralString(phase));
    if (start != null) {
      g.add(s, START, time(start));
    }
    if (end != null) {
      g.add(s, END, time(end));
    }
  }

  @Override
  public Map<Node, Graph> renderSite(ClusterState now) {
    Node site = uri(base + "site");
    Graph g = GraphFactory.createDefaultGraph();
    g.add(site, TYPE, glc("Site"));
    g.add(site, HAS_ID, NodeFactory.createLiteralString(now.site().name()));
    for (NodeInfo n : now.nodes().values()) {
      g.add(site, glc("hasSubResource"), entity(n.ref()));
    }
    return Map.of(uri(base + "graph/site"), g);
  }

  @Override
  public List<Node> graphsOf(ObjectRef ref) {
    return List.of(uri(base + "graph/" + path(ref)));
  }

  @Override
  public Node usageGraph(ObjectRef ref) {
    return uri(base + "graph/usage/" + path(ref));
  }

  @Override
  public Node entity(ObjectRef ref) {
    return uri(base + path(ref));
  }

  @Override
  public Node historyGraph() {
    return uri(base + "graph/history");
  }

  @Override
  public Graph history(LifecycleEvent event) {
    ObjectRef ref = event.subject();
    String id = ref.uid().isEmpty() ? path(ref) : ref.uid();
    Node e =
        uri(
            base
                + "history/"
                + id
                + "/"
                + event.type().name().toLowerCase(Locale.ROOT)
                + "/"
                + event.at().toEpochMilli());
    Graph g = GraphFactory.createDefaultGraph();
    g.add(e, TYPE, uri(MOR + "LifecycleEvent"));
    g.add(e, uri(MOR + "subject"), entity(ref));
    g.add(e, uri(MOR + "event"), NodeFactory.createLiteralString(event.type().name()));
    g.add(e, uri(MOR + "at"), time(event.at()));
    if (!event.reason().isEmpty()) {
      g.add(e, uri(MOR + "reason"), NodeFactory.createLiteralString(event.reason()));
    }
    return g;
  }

  @Override
  public List<Telemetry> telemetry(ObjectRef ref, ClusterState now) {
    List<Telemetry> out = new ArrayList<>();
    String cores = "http://qudt.org/vocab/unit/NUM";
    String bytes = "http://qudt.org/vocab/unit/BYTE";
    switch (ref.kind()) {
      case "Pod" -> {
        String sel = "{namespace=\"" + ref.namespace() + "\",pod=\"" + ref.name() + "\"}";
        out.add(
            new Telemetry(
                "cpu", "sum(rate(container_cpu_usage_seconds_total" + sel + "[1m]))", cores));
        out.add(
            new Telemetry("memory", "sum(container_memory_working_set_bytes" + sel + ")", bytes));
      }
      case "Node" ->
          out.add(
              new Telemetry(
                  "cpu",
                  "sum(rate(node_cpu_seconds_total{mode!=\"idle\",node=\""
                      + ref.name()
                      + "\"}[1m]))",
                  cores));
      case "Namespace", "PersistentVolumeClaim" -> {}
      default ->
          out.add(
              new Telemetry(
                  "cpu",
                  "sum(rate(container_cpu_usage_seconds_total{namespace=\""
                      + ref.namespace()
                      + "\",pod=~\""
                      + ref.name()
                      + "-.*\"}[1m]))",
                  cores));
    }
    return out;
  }
}
