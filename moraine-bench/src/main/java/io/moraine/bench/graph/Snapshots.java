package io.moraine.bench.graph;

import io.moraine.graph.render.GraphRenderer;
import io.moraine.graph.store.GraphStore;
import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.ModelChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;

/**
 * The GLACIATION baseline: every tick of simulated time, everything current (nodes, workloads,
 * pods, the site, and what was removed since the last tick, once) rendered into one new named graph
 * {@code timestamp:<tick>}, none ever deleted. Not thread-safe (the driving thread only).
 */
final class Snapshots implements ClusterListener {
  private final GraphRenderer renderer;
  private final GraphStore store;
  private final long tickSeconds;
  private final List<Record> gone = new ArrayList<>();
  @Nullable ChurnCluster cluster;
  private @Nullable Instant nextTick;
  private boolean dirty;
  long written;

  Snapshots(GraphRenderer renderer, GraphStore store, long tickSeconds) {
    this.renderer = renderer;
    this.store = store;
    this.tickSeconds = tickSeconds;
  }

  @Override
  public void onChange(ModelChange change, ClusterState now) {
    dirty = true;
    if (change instanceof ModelChange.Removed r) {
      gone.add(r.last());
    }
  }

  /** Writes a snapshot for each tick boundary up to {@code t}. */
  void advanceTo(Instant t) {
    if (nextTick == null) {
      nextTick = t.plusSeconds(tickSeconds);
      return;
    }
    while (!t.isBefore(nextTick)) {
      snapshot(nextTick);
      nextTick = nextTick.plusSeconds(tickSeconds);
    }
  }

  /** Writes the last snapshot if anything changed since the previous one. */
  void flush() {
    if (dirty) {
      snapshot(nextTick == null ? Instant.EPOCH : nextTick);
    }
  }

  private void snapshot(Instant at) {
    ChurnCluster c = cluster;
    if (c == null) {
      throw new IllegalStateException("BUG: snapshots without a cluster");
    }
    ClusterState s = c.state();
    Graph all = GraphFactory.createDefaultGraph();
    List<Record> objects = new ArrayList<>(gone);
    objects.addAll(s.nodes().values());
    objects.addAll(s.workloads().values());
    objects.addAll(s.pods().values());
    for (Record r : objects) {
      renderer.render(r, s).values().forEach(g -> GraphUtil.addInto(all, g));
    }
    renderer.renderSite(s).values().forEach(g -> GraphUtil.addInto(all, g));
    store.put(NodeFactory.createURI("timestamp:" + at.toEpochMilli()), all, null);
    written += all.size();
    gone.clear();
    dirty = false;
  }
}
