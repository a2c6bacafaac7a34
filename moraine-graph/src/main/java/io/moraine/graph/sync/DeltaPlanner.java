package io.moraine.graph.sync;

import io.moraine.graph.render.GraphRenderer;
import io.moraine.graph.store.GraphStore;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns a batch into the store delta: re-renders what the batch touched, diffs it against the
 * store's content, appends history and (on re-sync) closes objects that vanished unseen. Used by
 * the writer thread only.
 */
final class DeltaPlanner {
  private final GraphRenderer renderer;
  private final @Nullable StateGraphNames names;

  DeltaPlanner(GraphRenderer renderer, @Nullable StateGraphNames names) {
    this.renderer = renderer;
    this.names = names;
  }

  /** The deltas (only graphs that change), computed in one read transaction of {@code store}. */
  List<GraphStore.Delta> plan(Batch batch, GraphStore store) {
    Map<Node, Graph> wanted = render(batch);
    List<GraphStore.Delta> out = new ArrayList<>();
    Instant resyncAt = batch.resyncAt;
    store.read(
        dsg -> {
          for (Map.Entry<Node, Graph> e : wanted.entrySet()) {
            add(out, Diff.of(e.getKey(), dsg.getGraph(e.getKey()), e.getValue()));
          }
          List<LifecycleEvent> events = new ArrayList<>(batch.events);
          if (resyncAt != null && names != null) {
            closeVanished(dsg, wanted.keySet(), batch.latest, resyncAt, out, events);
          }
          add(out, history(dsg, events));
        });
    return out;
  }

  private static void add(List<GraphStore.Delta> out, GraphStore.@Nullable Delta d) {
    if (d != null) {
      out.add(d);
    }
  }

  private Map<Node, Graph> render(Batch batch) {
    ClusterState now = batch.latest;
    Map<Node, Graph> wanted = new LinkedHashMap<>();
    Set<String> done = new HashSet<>();
    for (Batch.Target t : batch.targets.values()) {
      renderInto(wanted, done, t.ref(), t.value(), t.removed() ? t.at() : now);
    }
    for (Batch.Target t : batch.targets.values()) {
      if (t.value() instanceof PodInfo pod) {
        // A workload's status and start time derive from its pods.
        renderWorkload(wanted, done, pod.owner(), now);
        renderWorkload(wanted, done, pod.workload(), now);
      }
    }
    if (batch.resyncAt != null) {
      for (Record r : everything(now)) {
        renderInto(wanted, done, refOf(r), r, now);
      }
    }
    if (batch.site) {
      wanted.putAll(renderer.renderSite(now));
    }
    return wanted;
  }

  private void renderWorkload(
      Map<Node, Graph> wanted, Set<String> done, @Nullable ObjectRef ref, ClusterState now) {
    if (ref == null) {
      return;
    }
    WorkloadInfo w = now.workloads().get(ref.key());
    if (w != null) {
      renderInto(wanted, done, w.ref(), w, now);
    }
  }

  private void renderInto(
      Map<Node, Graph> wanted, Set<String> done, ObjectRef ref, Record value, ClusterState now) {
    if (!done.add(ref.key())) {
      return;
    }
    wanted.putAll(renderer.render(value, now));
    for (Node g : renderer.graphsOf(ref)) {
      // A graph the object no longer renders is emptied: render gives each graph's full content.
      wanted.putIfAbsent(g, Graph.emptyGraph);
    }
  }

  private static List<Record> everything(ClusterState s) {
    List<Record> all = new ArrayList<>();
    all.addAll(s.nodes().values());
    all.addAll(s.namespaces().values());
    all.addAll(s.workloads().values());
    all.addAll(s.pods().values());
    all.addAll(s.pvcs().values());
    return all;
  }

  static ObjectRef refOf(Record r) {
    return switch (r) {
      case NodeInfo n -> n.ref();
      case WorkloadInfo w -> w.ref();
      case PodInfo p -> p.ref();
      case NamespaceInfo n -> n.ref();
      case PvcInfo p -> p.ref();
      default -> throw new IllegalArgumentException("not a model object: " + r.getClass());
    };
  }

  /**
   * Closes, at {@code at}, every object whose state graph the store holds but neither {@code
   * rendered} nor {@code state} knows, and whose status has no end time yet.
   */
  private void closeVanished(
      DatasetGraph dsg,
      Set<Node> rendered,
      ClusterState state,
      Instant at,
      List<GraphStore.Delta> out,
      List<LifecycleEvent> events) {
    StateGraphNames parser = names;
    if (parser == null) {
      return;
    }
    Iterator<Node> it = dsg.listGraphNodes();
    while (it.hasNext()) {
      Node g = it.next();
      ObjectRef ref = rendered.contains(g) ? null : parser.parse(g);
      if (ref == null || known(state, ref) || !renderer.graphsOf(ref).contains(g)) {
        continue;
      }
      List<Triple> adds = new ArrayList<>();
      Graph content = dsg.getGraph(g);
      for (Node status :
          GraphUtil.listObjects(content, renderer.entity(ref), Vocab.HAS_STATUS).toList()) {
        if (!content.contains(status, Vocab.END_TIME, Node.ANY)) {
          adds.add(Triple.create(status, Vocab.END_TIME, Vocab.dateTime(at)));
        }
      }
      if (!adds.isEmpty()) {
        out.add(new GraphStore.Delta(g, List.of(), adds));
        if (ref.kind().equals("Pod") || StateGraphNames.isWorkloadKind(ref.kind())) {
          events.add(new LifecycleEvent(ref, LifecycleEvent.Type.STOPPED, at, ""));
        }
      }
    }
  }

  private static boolean known(ClusterState s, ObjectRef ref) {
    String key = ref.key();
    return switch (ref.kind()) {
      case "Node" -> s.nodes().containsKey(key);
      case "Pod" -> s.pods().containsKey(key);
      case "Namespace" -> s.namespaces().containsKey(key);
      case "PersistentVolumeClaim" -> s.pvcs().containsKey(key);
      default -> s.workloads().containsKey(key);
    };
  }

  private GraphStore.@Nullable Delta history(DatasetGraph dsg, List<LifecycleEvent> events) {
    if (events.isEmpty()) {
      return null;
    }
    Graph all = GraphFactory.createDefaultGraph();
    for (LifecycleEvent e : events) {
      GraphUtil.addInto(all, renderer.history(e));
    }
    Node name = renderer.historyGraph();
    Graph current = dsg.getGraph(name);
    List<Triple> adds = new ArrayList<>();
    all.find()
        .forEachRemaining(
            t -> {
              if (!current.contains(t)) {
                adds.add(t);
              }
            });
    return adds.isEmpty() ? null : new GraphStore.Delta(name, List.of(), adds);
  }
}
