package io.moraine.graph.sync;

import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.ModelChange;
import io.moraine.kube.model.NodeInfo;
import io.moraine.kube.model.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The changes folded into one store transaction: the newest value per object, the lifecycle events
 * in order, and at most one re-sync. Owned by the writer thread.
 */
final class Batch {
  /**
   * One object to re-render: its newest value, whether that value is its last (removed), and the
   * state when it was removed (a removed object renders as its removal left it, with its pods).
   */
  record Target(ObjectRef ref, Record value, boolean removed, ClusterState at) {}

  final Map<String, Target> targets = new LinkedHashMap<>();
  final List<LifecycleEvent> events = new ArrayList<>();
  boolean site;
  @Nullable Instant resyncAt;
  ClusterState latest;
  private long[] observedNanos = new long[16];
  private int changes;
  int attempts;

  Batch(ClusterState first) {
    this.latest = first;
  }

  /** Folds one change that reached the listener at {@code observedNanos} (monotonic). */
  void add(ModelChange change, ClusterState now, long observed, Instant wallNow) {
    latest = now;
    if (changes == observedNanos.length) {
      observedNanos = Arrays.copyOf(observedNanos, changes * 2);
    }
    observedNanos[changes++] = observed;
    switch (change) {
      case ModelChange.Upserted u -> target(u.ref(), u.object(), false, now);
      case ModelChange.Removed r -> target(r.ref(), r.last(), true, now);
      case ModelChange.Lifecycle l -> events.add(l.event());
      case ModelChange.Event e -> {
        // Kept Events are not part of the graph's state (the renderer has no form for them).
      }
      case ModelChange.Resynced r -> resync(wallNow);
    }
  }

  /** A full re-sync from {@link #latest} at {@code at}, as after a queue overflow. */
  void resync(Instant at) {
    // Values seen before the re-sync are superseded by its state; only removals stay, since the
    // state no longer holds them and they must still render as stopped with their own end time.
    targets.values().removeIf(t -> !t.removed());
    resyncAt = at;
    site = true;
  }

  private void target(ObjectRef ref, Record value, boolean removed, ClusterState now) {
    targets.remove(ref.key());
    targets.put(ref.key(), new Target(ref, value, removed, now));
    if (value instanceof NodeInfo) {
      site = true;
    }
  }

  int changes() {
    return changes;
  }

  /** Per change, nanoseconds from its observation to {@code commitNanos}. */
  List<Long> lags(long commitNanos) {
    List<Long> out = new ArrayList<>(changes);
    for (int i = 0; i < changes; i++) {
      out.add(commitNanos - observedNanos[i]);
    }
    return out;
  }
}
