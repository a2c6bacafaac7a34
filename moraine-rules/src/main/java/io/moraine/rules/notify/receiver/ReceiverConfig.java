package io.moraine.rules.notify.receiver;

import java.util.List;
import java.util.Objects;

/**
 * One entry of alertmanager.yml's {@code receivers:}: a name and its integrations. A receiver with
 * no integrations accepts and drops notifications (Alertmanager's "blackhole").
 */
public record ReceiverConfig(
    String name,
    List<WebhookConfig> webhooks,
    List<PagerDutyConfig> pagerDuty,
    List<SlackConfig> slack,
    List<EmailConfig> email,
    List<BetterStackConfig> betterStack) {
  public ReceiverConfig {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("receiver: name must not be empty");
    }
    webhooks = List.copyOf(webhooks);
    pagerDuty = List.copyOf(pagerDuty);
    slack = List.copyOf(slack);
    email = List.copyOf(email);
    betterStack = List.copyOf(betterStack);
  }

  /** A receiver with no integrations. */
  public static ReceiverConfig empty(String name) {
    return new ReceiverConfig(name, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
