package io.moraine.rules.notify;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One notification of one alert group to one receiver, as Alertmanager builds it.
 *
 * @param receiver the receiver's name
 * @param groupKey the group's key (route path and group labels), stable across restarts
 * @param groupLabels the labels the route groups by, with the alerts' values
 * @param alerts the group's alerts: firing ones and those resolved since the last notification
 * @param truncatedAlerts how many alerts were left out by a receiver's {@code max_alerts}
 * @param externalUrl the server's external URL (links back)
 * @param nowMillis when the notification was built; an alert is resolved when {@code
 *     alert.resolvedAt(nowMillis)}
 */
public record Notification(
    String receiver,
    String groupKey,
    Map<String, String> groupLabels,
    List<Alert> alerts,
    int truncatedAlerts,
    String externalUrl,
    long nowMillis) {
  public Notification {
    groupLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(groupLabels));
    alerts = List.copyOf(alerts);
  }

  /** {@code firing} when any alert is firing, else {@code resolved}. */
  public String status() {
    for (Alert a : alerts) {
      if (!a.resolvedAt(nowMillis)) {
        return "firing";
      }
    }
    return "resolved";
  }
}
