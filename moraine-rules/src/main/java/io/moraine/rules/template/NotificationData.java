package io.moraine.rules.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a notification template sees: Alertmanager 0.25's {@code template.Data}, exposed as {@code
 * .Receiver .Status .Alerts .GroupLabels .CommonLabels .CommonAnnotations .ExternalURL}. Immutable;
 * the maps are copied.
 *
 * @param receiver the receiver's name as Alertmanager passes it ({@code regexp.QuoteMeta}d)
 * @param status {@code firing} when any alert fires, else {@code resolved}
 * @param alerts the alerts sent, in order
 * @param groupLabels the labels the route groups by
 * @param commonLabels the labels all {@code alerts} share
 * @param commonAnnotations the annotations all {@code alerts} share
 * @param externalUrl the server's external URL, without a trailing slash
 */
public record NotificationData(
    String receiver,
    String status,
    List<Alert> alerts,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalUrl) {
  public NotificationData {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(externalUrl, "externalUrl");
    alerts = List.copyOf(alerts);
    groupLabels = Map.copyOf(groupLabels);
    commonLabels = Map.copyOf(commonLabels);
    commonAnnotations = Map.copyOf(commonAnnotations);
  }

  /**
   * One alert ({@code template.Alert}): {@code .Status .Labels .Annotations .StartsAt .EndsAt
   * .GeneratorURL .Fingerprint}.
   *
   * @param status {@code firing} or {@code resolved}
   * @param startsAtMillis Unix milliseconds
   * @param endsAtMillis Unix milliseconds; 0 or less for unset (Go's zero time)
   * @param fingerprint 16 hex digits, as in the webhook payload
   */
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      long startsAtMillis,
      long endsAtMillis,
      String generatorUrl,
      String fingerprint) {
    public Alert {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(generatorUrl, "generatorUrl");
      Objects.requireNonNull(fingerprint, "fingerprint");
      labels = Map.copyOf(labels);
      annotations = Map.copyOf(annotations);
    }
  }
}
