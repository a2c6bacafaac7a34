package io.moraine.ingest.discovery;

import io.moraine.core.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the full state of a discoverer after each refresh into the update that {@link
 * io.moraine.core.discovery.Discoverer} promises: the groups that changed, an empty group for every
 * source that disappeared, and on the first call every group (the first call is made even when
 * there is none). A group without targets counts as absent. Not thread-safe: owned by the
 * discoverer's thread.
 */
final class GroupTracker {
  private final Map<String, TargetGroup> sent = new LinkedHashMap<>();
  private boolean first = true;

  /** Sends what changed between the last state and {@code current}, if anything did. */
  void publish(List<TargetGroup> current, Consumer<List<TargetGroup>> updates) {
    Map<String, TargetGroup> now = new LinkedHashMap<>();
    for (TargetGroup g : current) {
      if (!g.targets().isEmpty()) {
        now.put(g.source(), g); // a later group of the same source wins, as downstream
      }
    }
    List<TargetGroup> changed = new ArrayList<>();
    for (var it = sent.keySet().iterator(); it.hasNext(); ) {
      String source = it.next();
      if (!now.containsKey(source)) {
        changed.add(TargetGroup.empty(source));
        it.remove();
      }
    }
    for (TargetGroup g : now.values()) {
      if (!g.equals(sent.get(g.source()))) {
        changed.add(g);
        sent.put(g.source(), g);
      }
    }
    if (first || !changed.isEmpty()) {
      first = false;
      updates.accept(List.copyOf(changed));
    }
  }

  /** After a failed refresh: nothing changes, but the first call is still made (empty). */
  void publishUnchanged(Consumer<List<TargetGroup>> updates) {
    if (first) {
      first = false;
      updates.accept(List.of());
    }
  }
}
