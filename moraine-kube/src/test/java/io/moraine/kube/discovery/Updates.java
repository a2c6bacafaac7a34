package io.moraine.kube.discovery;

import io.moraine.core.discovery.TargetGroup;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Records a discoverer's updates and applies them as a consumer must (a group replaces the group of
 * its source; no targets removes it); checks that calls never overlap.
 */
final class Updates implements Consumer<List<TargetGroup>> {
  private final List<List<TargetGroup>> calls = new CopyOnWriteArrayList<>();
  private final Map<String, TargetGroup> state = new TreeMap<>();
  private volatile boolean inCall;

  @Override
  public void accept(List<TargetGroup> groups) {
    if (inCall) {
      throw new AssertionError("concurrent update calls");
    }
    inCall = true;
    synchronized (this) {
      for (TargetGroup g : groups) {
        if (g.targets().isEmpty()) {
          state.remove(g.source());
        } else {
          state.put(g.source(), g);
        }
      }
      calls.add(List.copyOf(groups));
    }
    inCall = false;
  }

  int calls() {
    return calls.size();
  }

  List<TargetGroup> call(int i) {
    return calls.get(i);
  }

  List<TargetGroup> last() {
    return calls.getLast();
  }

  /** The current group of {@code source}; fails when there is none. */
  synchronized TargetGroup group(String source) {
    TargetGroup g = state.get(source);
    if (g == null) {
      throw new AssertionError("no group " + source + " in " + state.keySet());
    }
    return g;
  }

  /** A group label of the current group of {@code source}, "" when the group or label is absent. */
  synchronized String groupLabel(String source, String name) {
    TargetGroup g = state.get(source);
    return g == null ? "" : g.labels().getOrEmpty(name);
  }

  /** The current groups by source. */
  synchronized Map<String, TargetGroup> state() {
    return new TreeMap<>(state);
  }
}
