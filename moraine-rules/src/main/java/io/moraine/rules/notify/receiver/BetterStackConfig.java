package io.moraine.rules.notify.receiver;

import java.net.URI;
import java.util.Objects;

/**
 * A Better Stack Uptime incidents integration: a firing group opens an incident; its resolution
 * resolves that incident (when {@code sendResolved}). The incident id is kept per group key in the
 * state directory ({@code docs/format/betterstack-incidents.md}).
 *
 * @param sendResolved whether resolutions resolve the incident (default true)
 * @param apiToken the Uptime API token, sent as a bearer token (required)
 * @param url the incidents endpoint; resolutions go to {@code url/{id}/resolve}
 * @param requesterEmail the requester of the incident and who resolves it; empty for none
 * @param teamName the team the incident belongs to; empty for the token's team
 * @param call whether Better Stack phones the on-call person
 * @param sms whether it sends a text message
 * @param email whether it sends an e-mail
 * @param push whether it sends a push notification
 */
public record BetterStackConfig(
    boolean sendResolved,
    HttpSettings http,
    String apiToken,
    URI url,
    String requesterEmail,
    String teamName,
    boolean call,
    boolean sms,
    boolean email,
    boolean push) {
  /** Defaults: resolve incidents, notify by e-mail and push only; {@code apiToken} must be set. */
  public static final BetterStackConfig DEFAULT =
      new BetterStackConfig(
          true,
          HttpSettings.DEFAULT,
          "",
          URI.create("https://uptime.betterstack.com/api/v2/incidents"),
          "",
          "",
          false,
          false,
          true,
          true);

  public BetterStackConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(requesterEmail, "requesterEmail");
    Objects.requireNonNull(teamName, "teamName");
  }
}
