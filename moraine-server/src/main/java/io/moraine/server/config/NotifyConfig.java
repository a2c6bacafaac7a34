package io.moraine.server.config;

import io.moraine.rules.notify.receiver.ReceiverConfig;
import io.moraine.rules.notify.route.InhibitRule;
import io.moraine.rules.notify.route.RouteConfig;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Moraine's {@code notify} section: built-in alert routing for sites without an Alertmanager,
 * shaped like alertmanager.yml ({@code global.resolve_timeout}, {@code route}, {@code
 * inhibit_rules}, {@code receivers}). Immutable.
 *
 * @param route the routing tree, or null when the section is absent (no built-in routing)
 */
public record NotifyConfig(
    @Nullable RouteConfig route,
    List<InhibitRule> inhibitRules,
    List<ReceiverConfig> receivers,
    Duration resolveTimeout) {
  /** No built-in routing. */
  public static final NotifyConfig DEFAULT =
      new NotifyConfig(null, List.of(), List.of(), Duration.ofMinutes(5));

  public NotifyConfig {
    inhibitRules = List.copyOf(inhibitRules);
    receivers = List.copyOf(receivers);
  }

  /** Whether the section is there. */
  public boolean enabled() {
    return route != null;
  }
}
