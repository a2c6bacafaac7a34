package io.moraine.server.api.prom;

import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * Whether the last configuration load (at start or by a reload) succeeded, and when one last did,
 * as Prometheus reports it: the gauges {@code prometheus_config_last_reload_successful} (1 or 0)
 * and {@code prometheus_config_last_reload_success_timestamp_seconds}, and {@code
 * reloadConfigSuccess} and {@code lastConfigTime} of {@code /api/v1/status/runtimeinfo}.
 * Thread-safe.
 */
public final class ConfigReloadStatus {
  private final Gauge successful;
  private final Gauge successSeconds;
  private volatile boolean lastSuccessful;
  private volatile long lastSuccessMillis;

  private ConfigReloadStatus(Gauge successful, Gauge successSeconds, long loadedAtMillis) {
    this.successful = successful;
    this.successSeconds = successSeconds;
    succeeded(loadedAtMillis);
  }

  /** Registers the gauges in {@code registry} (once per registry) for a configuration loaded at. */
  public static ConfigReloadStatus register(MetricRegistry registry, long loadedAtMillis) {
    return new ConfigReloadStatus(
        registry
            .gauge(
                "prometheus_config_last_reload_successful",
                "Whether the last configuration reload attempt was successful.")
            .labels(),
        registry
            .gauge(
                "prometheus_config_last_reload_success_timestamp_seconds",
                "Timestamp of the last successful configuration reload.")
            .labels(),
        loadedAtMillis);
  }

  /** A status that stays as loaded at {@code loadedAtMillis}, for servers without a reload. */
  public static ConfigReloadStatus unregistered(long loadedAtMillis) {
    return register(new MetricRegistry(), loadedAtMillis);
  }

  /** The configuration was (re)loaded and applied at {@code atMillis}. */
  public void succeeded(long atMillis) {
    lastSuccessMillis = atMillis;
    lastSuccessful = true;
    successSeconds.set(atMillis / 1000.0);
    successful.set(1);
  }

  /** A reload failed: the running configuration stays. */
  public void failed() {
    lastSuccessful = false;
    successful.set(0);
  }

  /** Whether the last load succeeded. */
  public boolean lastSuccessful() {
    return lastSuccessful;
  }

  /** When a load last succeeded, ms since the epoch. */
  public long lastSuccessMillis() {
    return lastSuccessMillis;
  }
}
