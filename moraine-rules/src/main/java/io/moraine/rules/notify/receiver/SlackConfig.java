package io.moraine.rules.notify.receiver;

import java.net.URI;
import java.util.Objects;

/**
 * A {@code slack_configs} entry: one attachment posted to an incoming-webhook URL. A text field
 * containing {@code {{} is an Alertmanager 0.25 notification template, expanded for each
 * notification (others are literal); an empty {@code username} or {@code title} stands for Alertmanager's default
 * ("Alertmanager" and {@code [FIRING:n] ...}); {@code text}, {@code channel} and {@code iconEmoji}
 * default to empty as in Alertmanager.
 *
 * @param sendResolved whether resolved alerts are sent (default false)
 * @param apiUrl the incoming-webhook URL (required)
 */
public record SlackConfig(
    boolean sendResolved,
    HttpSettings http,
    URI apiUrl,
    String channel,
    String username,
    String iconEmoji,
    String title,
    String text) {
  /** Alertmanager's defaults; {@code apiUrl} must be replaced. */
  public static final SlackConfig DEFAULT =
      new SlackConfig(
          false, HttpSettings.DEFAULT, URI.create("http://localhost/"), "", "", "", "", "");

  public SlackConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(iconEmoji, "iconEmoji");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
  }

  /** This config with another API URL. */
  public SlackConfig withApiUrl(URI u) {
    return new SlackConfig(sendResolved, http, u, channel, username, iconEmoji, title, text);
  }
}
