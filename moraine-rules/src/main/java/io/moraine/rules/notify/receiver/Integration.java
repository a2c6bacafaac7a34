package io.moraine.rules.notify.receiver;

import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import java.util.List;

/** One configured integration of a receiver. Implementations are thread-safe. */
sealed interface Integration
    permits WebhookIntegration,
        PagerDutyIntegration,
        SlackIntegration,
        EmailIntegration,
        BetterStackIntegration {
  /** The {@code integration} label: {@code webhook}, {@code pagerduty}, ... */
  String kind();

  boolean sendResolved();

  /**
   * One attempt to deliver {@code n} carrying {@code alerts} (those of {@code n} it should send).
   * Never throws for network or remote failures: they are outcomes.
   */
  Outcome attempt(Notification n, List<Alert> alerts, long deadlineMillis)
      throws InterruptedException;
}
