package io.moraine.rules.notify.route;

import io.moraine.core.labels.Labels;
import io.moraine.rules.notify.Alert;
import java.util.Map;
import java.util.TreeMap;

/**
 * An aggregation group: the alerts of one route with the same group labels, notified together. Not
 * thread-safe; the {@link Router} guards it with its lock.
 */
final class AggrGroup {
  final Route route;
  final Labels groupLabels;
  final String key;
  final Map<Labels, Alert> alerts = new TreeMap<>();
  long nextFlushMillis;
  boolean hasFlushed;
  boolean flushing;

  AggrGroup(Route route, Labels groupLabels, long nowMillis) {
    this.route = route;
    this.groupLabels = groupLabels;
    this.key = key(route, groupLabels);
    this.nextFlushMillis = nowMillis + route.groupWaitMillis();
  }

  /** Alertmanager's group key: route key, ":", the group labels as {@code {a="b", c="d"}}. */
  static String key(Route route, Labels groupLabels) {
    StringBuilder sb = new StringBuilder(route.key()).append(":{");
    for (int i = 0; i < groupLabels.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(groupLabels.name(i)).append("=\"");
      Labels.appendEscaped(sb, groupLabels.value(i));
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  /**
   * Adds or replaces an alert. A group that has not flushed yet flushes at once when the alert is
   * older than group_wait, as Alertmanager's does.
   */
  void insert(Alert a, long nowMillis) {
    alerts.put(a.labels(), a);
    if (!hasFlushed && a.startsAtMillis() + route.groupWaitMillis() < nowMillis) {
      nextFlushMillis = Math.min(nextFlushMillis, nowMillis);
    }
  }

  Map<String, String> groupLabelMap() {
    return groupLabels.toMap();
  }
}
