package io.moraine.rules.notify.receiver;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@code pagerduty_configs} entry for the Events API v2. A text field (and each {@code details}
 * value) containing {@code {{} is an Alertmanager 0.25 notification template expanded for each
 * notification; an empty field stands for Alertmanager's default template output: {@code client}
 * "Alertmanager", {@code clientUrl} the alerts page of the external URL, {@code source} the client,
 * {@code severity} "error", {@code description} (the summary) {@code [FIRING:n] group label values
 * ...}. {@code details} are added to (and may override) the default {@code firing}, {@code
 * resolved}, {@code num_firing} and {@code num_resolved}.
 *
 * @param sendResolved whether resolutions are sent (default true)
 * @param routingKey the integration key (required)
 * @param url the Events API endpoint
 * @param eventClass the {@code class} field
 */
public record PagerDutyConfig(
    boolean sendResolved,
    HttpSettings http,
    String routingKey,
    URI url,
    String severity,
    String eventClass,
    String component,
    String group,
    String source,
    String client,
    String clientUrl,
    Map<String, String> details,
    String description) {
  /** Alertmanager's defaults; {@code routingKey} must be set. */
  public static final PagerDutyConfig DEFAULT =
      new PagerDutyConfig(
          true,
          HttpSettings.DEFAULT,
          "",
          URI.create("https://events.pagerduty.com/v2/enqueue"),
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          Map.of(),
          "");

  public PagerDutyConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(eventClass, "eventClass");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(clientUrl, "clientUrl");
    Objects.requireNonNull(description, "description");
    details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /** This config with another routing key and URL. */
  public PagerDutyConfig withKeyAndUrl(String key, URI u) {
    return new PagerDutyConfig(
        sendResolved,
        http,
        key,
        u,
        severity,
        eventClass,
        component,
        group,
        source,
        client,
        clientUrl,
        details,
        description);
  }
}
