package io.moraine.rules.rule;

import io.moraine.core.labels.Labels;
import java.util.Map;

/**
 * One alert of an alerting rule and its lifecycle: pending from {@code activeAt}, firing once the
 * rule's {@code for} has passed, inactive (resolved) when its series is gone and {@code
 * keep_firing_for} has run out. Mutable; guarded by the owning rule's lock. Times are ms since the
 * epoch, 0 when unset (as Go's zero time).
 */
final class ActiveAlert {
  enum Phase {
    INACTIVE,
    PENDING,
    FIRING
  }

  final Labels labels;
  Map<String, String> annotations;
  Phase phase = Phase.PENDING;
  double value;
  long activeAtMillis;
  long firedAtMillis;
  long resolvedAtMillis;
  long lastSentAtMillis;
  long validUntilMillis;
  long keepFiringSinceMillis;

  ActiveAlert(Labels labels, Map<String, String> annotations, double value, long activeAtMillis) {
    this.labels = labels;
    this.annotations = annotations;
    this.value = value;
    this.activeAtMillis = activeAtMillis;
  }

  /**
   * Whether the alert goes to the sink at {@code ts}: never while pending; at once when it resolved
   * since it was last sent; else when {@code resendDelayMillis} has passed since the last send.
   */
  boolean needsSending(long ts, long resendDelayMillis) {
    if (phase == Phase.PENDING) {
      return false;
    }
    if (resolvedAtMillis > lastSentAtMillis) {
      return true;
    }
    return lastSentAtMillis + resendDelayMillis < ts;
  }
}
