package io.moraine.rules.group;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Queryable;
import io.moraine.core.time.Clock;
import io.moraine.promql.engine.Engine;
import io.moraine.rules.notify.AlertSink;
import io.moraine.rules.notify.AlertStateListener;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link RuleManager} needs. The suppliers are asked at every evaluation, so the store
 * behind them may change (a tenant's store, a remote one).
 *
 * @param engine evaluates the rules' expressions
 * @param queryable what rules and templates query, and where alert state is restored from
 * @param appendable where recorded series, {@code ALERTS} and stale markers go
 * @param clock wall time for scheduling and timings
 * @param defaultInterval the interval of groups that set none (Prometheus: 1m)
 * @param defaultQueryOffset the {@code query_offset} of groups that set none (Prometheus: 0)
 * @param externalLabels the templates' {@code $externalLabels}
 * @param externalUrl the templates' {@code $externalURL} and the base of alerts' generator URLs
 * @param outageTolerance how far back alert state is restored from after a restart (1h)
 * @param forGracePeriod the least time an alert stays pending after a restart before it fires (10m)
 * @param resendDelay how often a firing alert is sent again (1m)
 * @param sink takes the alerts to send
 * @param listener hears alert state changes
 * @param registry where the {@code moraine_rule_*} metrics are registered (once per manager)
 */
public record RuleManagerOptions(
    Engine engine,
    Supplier<Queryable> queryable,
    Supplier<Appendable> appendable,
    Clock clock,
    Duration defaultInterval,
    Duration defaultQueryOffset,
    Map<String, String> externalLabels,
    String externalUrl,
    Duration outageTolerance,
    Duration forGracePeriod,
    Duration resendDelay,
    AlertSink sink,
    AlertStateListener listener,
    MetricRegistry registry) {
  /** Prometheus's defaults for the durations. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(1);
  public static final Duration DEFAULT_FOR_GRACE_PERIOD = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RESEND_DELAY = Duration.ofMinutes(1);

  public RuleManagerOptions {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(queryable, "queryable");
    Objects.requireNonNull(appendable, "appendable");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(externalUrl, "externalUrl");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(registry, "registry");
    externalLabels = Map.copyOf(externalLabels);
    if (defaultInterval.toMillis() <= 0) {
      throw new IllegalArgumentException(
          "default rule interval must be positive: " + defaultInterval);
    }
    for (Duration d :
        new Duration[] {defaultQueryOffset, outageTolerance, forGracePeriod, resendDelay}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("rule manager durations must not be negative: " + d);
      }
    }
  }

  /**
   * Options with Prometheus's defaults: 1m interval, no query offset, no external labels or URL, 1h
   * outage tolerance, 10m grace period, 1m resend delay, no sink or listener.
   */
  public static RuleManagerOptions defaults(
      Engine engine,
      Supplier<Queryable> queryable,
      Supplier<Appendable> appendable,
      Clock clock,
      MetricRegistry registry) {
    return new RuleManagerOptions(
        engine,
        queryable,
        appendable,
        clock,
        DEFAULT_INTERVAL,
        Duration.ZERO,
        Map.of(),
        "",
        DEFAULT_OUTAGE_TOLERANCE,
        DEFAULT_FOR_GRACE_PERIOD,
        DEFAULT_RESEND_DELAY,
        AlertSink.NONE,
        AlertStateListener.NONE,
        registry);
  }
}
