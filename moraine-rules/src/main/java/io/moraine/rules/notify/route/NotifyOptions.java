package io.moraine.rules.notify.route;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.rules.notify.AlertStateListener;
import io.moraine.rules.notify.Receivers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the built-in {@link Router} needs. Immutable.
 *
 * @param root the routing tree; its receiver is required, it has no matchers
 * @param inhibitRules inhibition rules, all applied
 * @param receivers delivers notifications to named receivers
 * @param stateDir where silences, the notification log and the alerts are kept
 *     (docs/format/notify-state.md)
 * @param clock the time source
 * @param externalUrl this server's external URL, put into notifications
 * @param resolveTimeout how long an alert without an end time stays firing (Alertmanager's {@code
 *     resolve_timeout})
 * @param registry where the router's self metrics go
 * @param listener hears SILENCED changes (an alert becoming silenced or inhibited)
 * @param timeIntervals named time intervals for the routes' {@code mute_time_intervals} and {@code
 *     active_time_intervals}: a name is active when any of its intervals contains the time
 */
public record NotifyOptions(
    RouteConfig root,
    List<InhibitRule> inhibitRules,
    Receivers receivers,
    Path stateDir,
    Clock clock,
    String externalUrl,
    Duration resolveTimeout,
    MetricRegistry registry,
    AlertStateListener listener,
    Map<String, List<TimeInterval>> timeIntervals) {
  /** Alertmanager's default {@code resolve_timeout}. */
  public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofMinutes(5);

  public NotifyOptions {
    Objects.requireNonNull(root, "root");
    inhibitRules = List.copyOf(inhibitRules);
    Objects.requireNonNull(receivers, "receivers");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(externalUrl, "externalUrl");
    if (resolveTimeout.isNegative() || resolveTimeout.isZero()) {
      throw new IllegalArgumentException("resolve_timeout must be positive, got " + resolveTimeout);
    }
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(listener, "listener");
    Map<String, List<TimeInterval>> copy = new LinkedHashMap<>();
    timeIntervals.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    timeIntervals = Collections.unmodifiableMap(copy);
  }

  /** Options without named time intervals. */
  public NotifyOptions(
      RouteConfig root,
      List<InhibitRule> inhibitRules,
      Receivers receivers,
      Path stateDir,
      Clock clock,
      String externalUrl,
      Duration resolveTimeout,
      MetricRegistry registry,
      AlertStateListener listener) {
    this(
        root,
        inhibitRules,
        receivers,
        stateDir,
        clock,
        externalUrl,
        resolveTimeout,
        registry,
        listener,
        Map.of());
  }

  /** These options with {@code t} as the named time intervals. */
  public NotifyOptions withTimeIntervals(Map<String, List<TimeInterval>> t) {
    return new NotifyOptions(
        root,
        inhibitRules,
        receivers,
        stateDir,
        clock,
        externalUrl,
        resolveTimeout,
        registry,
        listener,
        t);
  }

  /** Options with no inhibition, the default resolve timeout and no listener. */
  public static NotifyOptions of(
      RouteConfig root, Receivers receivers, Path stateDir, Clock clock, MetricRegistry registry) {
    return new NotifyOptions(
        root,
        List.of(),
        receivers,
        stateDir,
        clock,
        "",
        DEFAULT_RESOLVE_TIMEOUT,
        registry,
        AlertStateListener.NONE);
  }
}
