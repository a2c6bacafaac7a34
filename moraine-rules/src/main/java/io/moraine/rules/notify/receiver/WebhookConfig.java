package io.moraine.rules.notify.receiver;

import java.net.URI;
import java.util.Objects;

/**
 * A {@code webhook_configs} entry: POSTs Alertmanager's webhook JSON (version 4) to {@code url}.
 *
 * @param sendResolved whether resolved alerts are sent (default true)
 * @param maxAlerts the most alerts one message carries, the rest counted in {@code
 *     truncatedAlerts}; 0 for all
 */
public record WebhookConfig(boolean sendResolved, HttpSettings http, URI url, int maxAlerts) {
  /** Alertmanager's defaults; {@code url} must be replaced. */
  public static final WebhookConfig DEFAULT =
      new WebhookConfig(true, HttpSettings.DEFAULT, URI.create("http://localhost/"), 0);

  public WebhookConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(url, "url");
    if (maxAlerts < 0) {
      throw new IllegalArgumentException("webhook: max_alerts must be >= 0, got " + maxAlerts);
    }
  }

  /** This config with another URL. */
  public WebhookConfig withUrl(URI u) {
    return new WebhookConfig(sendResolved, http, u, maxAlerts);
  }
}
