package io.moraine.rules.notify.receiver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An {@code email_configs} entry, sent over SMTP. The subject defaults to Alertmanager's {@code
 * [FIRING:n] group label values ...}; {@code headers} add to or replace {@code Subject}, {@code To}
 * and {@code From}; a header value containing {@code {{} is an Alertmanager 0.25 notification
 * template, expanded for each notification.
 *
 * @param sendResolved whether resolved alerts are sent (default false)
 * @param to recipient addresses (at least one)
 * @param from the sender address
 * @param smarthost {@code host:port} of the SMTP server
 * @param hello the name sent with EHLO/HELO
 * @param requireTls refuse to send unless the server offers STARTTLS (default true)
 * @param timeout bound on the whole SMTP conversation (further bounded by the deadline)
 */
public record EmailConfig(
    boolean sendResolved,
    List<String> to,
    String from,
    String smarthost,
    String hello,
    String authUsername,
    String authPassword,
    boolean requireTls,
    Map<String, String> headers,
    Duration timeout) {
  /** Alertmanager's defaults; {@code to}, {@code from} and {@code smarthost} must be set. */
  public static final EmailConfig DEFAULT =
      new EmailConfig(
          false,
          List.of(),
          "",
          "localhost:25",
          "localhost",
          "",
          "",
          true,
          Map.of(),
          Duration.ofSeconds(30));

  public EmailConfig {
    to = List.copyOf(to);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(smarthost, "smarthost");
    Objects.requireNonNull(hello, "hello");
    Objects.requireNonNull(authUsername, "authUsername");
    Objects.requireNonNull(authPassword, "authPassword");
    Objects.requireNonNull(timeout, "timeout");
    headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
    if (smarthost.lastIndexOf(':') <= 0) {
      throw new IllegalArgumentException(
          "email: smarthost must be host:port, got \"" + smarthost + "\"");
    }
  }
}
