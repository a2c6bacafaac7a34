package io.moraine.rules.notify.route;

import io.moraine.rules.notify.Notification;
import io.moraine.rules.notify.Receivers;
import java.util.ArrayList;
import java.util.List;

/** Records every notification; delivers successfully unless told to fail. */
final class RecordingReceivers implements Receivers {
  final List<Notification> sent = new ArrayList<>();
  final List<Long> deadlines = new ArrayList<>();
  volatile boolean fail;

  @Override
  public synchronized boolean deliver(Notification n, long deadlineMillis) {
    sent.add(n);
    deadlines.add(deadlineMillis);
    return !fail;
  }

  synchronized List<Notification> drain() {
    List<Notification> out = List.copyOf(sent);
    sent.clear();
    return out;
  }
}
