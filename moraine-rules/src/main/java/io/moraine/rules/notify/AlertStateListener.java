package io.moraine.rules.notify;

/** Hears alert state changes. Implementations are thread-safe and must not block or throw. */
@FunctionalInterface
public interface AlertStateListener {
  void onChange(AlertStateChange change);

  AlertStateListener NONE = c -> {};
}
