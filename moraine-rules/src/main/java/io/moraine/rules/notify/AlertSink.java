package io.moraine.rules.notify;

import java.util.List;

/**
 * Takes alerts from rule evaluation: the Alertmanager client, the built-in router, or both.
 * Implementations are thread-safe, never block the caller on the network, and never throw.
 */
@FunctionalInterface
public interface AlertSink {
  void send(List<Alert> alerts);

  /** A sink that drops everything. */
  AlertSink NONE = alerts -> {};
}
