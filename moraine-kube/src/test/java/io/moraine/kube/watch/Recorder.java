package io.moraine.kube.watch;

import io.moraine.kube.model.ClusterListener;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import io.moraine.kube.model.ModelChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Records what a watcher tells, and checks that it is told from one thread at a time. */
final class Recorder implements ClusterListener {
  final List<ModelChange> changes = new CopyOnWriteArrayList<>();
  private volatile @Nullable ClusterState last;
  private volatile boolean inCall;
  volatile String threadName = "";

  @Override
  public void onChange(ModelChange change, ClusterState now) {
    if (inCall) {
      throw new AssertionError("overlapping calls");
    }
    inCall = true;
    threadName = Thread.currentThread().getName();
    changes.add(change);
    last = now;
    inCall = false;
  }

  ClusterState last() {
    return java.util.Objects.requireNonNull(last, "nothing told yet");
  }

  List<LifecycleEvent> lifecycle() {
    List<LifecycleEvent> out = new ArrayList<>();
    for (ModelChange c : changes) {
      if (c instanceof ModelChange.Lifecycle(LifecycleEvent e)) {
        out.add(e);
      }
    }
    return out;
  }

  List<LifecycleEvent> lifecycle(String kind, String name) {
    return lifecycle().stream()
        .filter(e -> e.subject().kind().equals(kind) && e.subject().name().equals(name))
        .toList();
  }

  long resyncs() {
    return changes.stream().filter(c -> c instanceof ModelChange.Resynced).count();
  }
}
