package io.moraine.server.config;

import io.moraine.rules.notify.receiver.ReceiverConfig;
import io.moraine.rules.notify.route.InhibitRule;
import io.moraine.rules.notify.route.RouteConfig;
import io.moraine.rules.notify.route.TimeInterval;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Moraine's {@code notify} section: built-in alert routing for sites without an Alertmanager,
 * shaped like alertmanager.yml ({@code global.resolve_timeout}, {@code route}, {@code
 * inhibit_rules}, {@code receivers}, {@code time_intervals}). Immutable.
 *
 * @param route the routing tree, or null when the section is absent (no built-in routing)
 * @param timeIntervals the named time intervals ({@code time_intervals} and {@code
 *     mute_time_intervals}) the routes refer to
 */
public record NotifyConfig(
    @Nullable RouteConfig route,
    List<InhibitRule> inhibitRules,
    List<ReceiverConfig> receivers,
    Duration resolveTimeout,
    Map<String, List<TimeInterval>> timeIntervals) {
  /** No built-in routing. */
  public static final NotifyConfig DEFAULT =
      new NotifyConfig(null, List.of(), List.of(), Duration.ofMinutes(5));

  public NotifyConfig {
    inhibitRules = List.copyOf(inhibitRules);
    receivers = List.copyOf(receivers);
    timeIntervals = Collections.unmodifiableMap(new LinkedHashMap<>(timeIntervals));
  }

  /** A section without time intervals. */
  public NotifyConfig(
      @Nullable RouteConfig route,
      List<InhibitRule> inhibitRules,
      List<ReceiverConfig> receivers,
      Duration resolveTimeout) {
    this(route, inhibitRules, receivers, resolveTimeout, Map.of());
  }

  /** Whether the section is there. */
  public boolean enabled() {
    return route != null;
  }
}
