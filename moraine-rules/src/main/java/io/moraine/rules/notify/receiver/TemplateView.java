package io.moraine.rules.notify.receiver;

import io.moraine.core.labels.Labels;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.template.Escapes;
import io.moraine.rules.template.NotificationData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's template data ({@code template.Data}) for one notification, and the outputs of its
 * default templates ({@code template/default.tmpl}) that the integrations use. Immutable.
 */
final class TemplateView {
  final String receiver;
  final String status;
  final List<NotificationData.Alert> alerts;
  final Map<String, String> groupLabels;
  final Map<String, String> commonLabels;
  final Map<String, String> commonAnnotations;
  final String externalUrl;

  private TemplateView(Notification n, List<Alert> sent) {
    receiver = GoText.quoteMeta(n.receiver());
    List<NotificationData.Alert> views = new ArrayList<>(sent.size());
    boolean anyFiring = false;
    for (Alert a : sent) {
      boolean resolved = a.resolvedAt(n.nowMillis());
      anyFiring |= !resolved;
      views.add(
          new NotificationData.Alert(
              resolved ? "resolved" : "firing",
              a.labels().toMap(),
              a.annotations(),
              a.startsAtMillis(),
              // A firing alert's endsAt is only a validity bound; Alertmanager clears it.
              resolved ? a.endsAtMillis() : 0,
              a.generatorUrl(),
              GoText.fingerprint(a.labels())));
    }
    status = anyFiring ? "firing" : "resolved";
    alerts = List.copyOf(views);
    groupLabels = n.groupLabels();
    commonLabels = common(views, true);
    commonAnnotations = common(views, false);
    externalUrl = n.externalUrl();
  }

  /** The data of {@code n} as sent with {@code sent}, a subset of its alerts. */
  static TemplateView of(Notification n, List<Alert> sent) {
    return new TemplateView(n, sent);
  }

  /** Alertmanager's {@code template.Data} of this view, for configured templates. */
  NotificationData data() {
    return new NotificationData(
        receiver, status, alerts, groupLabels, commonLabels, commonAnnotations, externalUrl);
  }

  List<NotificationData.Alert> firing() {
    return alerts.stream().filter(TemplateView::firing).toList();
  }

  List<NotificationData.Alert> resolved() {
    return alerts.stream().filter(a -> !firing(a)).toList();
  }

  static boolean firing(NotificationData.Alert a) {
    return a.status().equals("firing");
  }

  /** {@code __subject}: {@code [FIRING:2] group values (other common label values)}. */
  String subject() {
    StringBuilder sb = new StringBuilder("[").append(status.toUpperCase(java.util.Locale.ROOT));
    if (status.equals("firing")) {
      sb.append(':').append(firing().size());
    }
    sb.append("] ").append(String.join(" ", values(groupLabels))).append(' ');
    if (commonLabels.size() > groupLabels.size()) {
      Map<String, String> rest = new HashMap<>(commonLabels);
      rest.keySet().removeAll(groupLabels.keySet());
      sb.append('(').append(String.join(" ", values(rest))).append(')');
    }
    return sb.toString();
  }

  /** {@code __alertmanagerURL}: the alerts page of the external URL for this receiver. */
  String alertsUrl() {
    return externalUrl + "/#/alerts?receiver=" + Escapes.queryEscape(receiver);
  }

  /** {@code __text_alert_list}: labels, annotations and source of each alert. */
  static String textAlertList(List<NotificationData.Alert> list) {
    StringBuilder sb = new StringBuilder();
    for (NotificationData.Alert a : list) {
      sb.append("Labels:\n");
      for (String k : sortedNames(a.labels())) {
        sb.append(" - ")
            .append(k)
            .append(" = ")
            .append(a.labels().getOrDefault(k, ""))
            .append('\n');
      }
      sb.append("Annotations:\n");
      for (String k : sortedNames(a.annotations())) {
        sb.append(" - ")
            .append(k)
            .append(" = ")
            .append(a.annotations().getOrDefault(k, ""))
            .append('\n');
      }
      sb.append("Source: ").append(a.generatorUrl()).append('\n');
    }
    return sb.toString();
  }

  /** {@code KV.SortedPairs} names: {@code alertname} first, the rest sorted. */
  static List<String> sortedNames(Map<String, String> kv) {
    List<String> names = new ArrayList<>(kv.size());
    for (String k : kv.keySet()) {
      if (!k.equals("alertname")) {
        names.add(k);
      }
    }
    names.sort(Labels::compareUtf8);
    if (kv.containsKey("alertname")) {
      names.addFirst("alertname");
    }
    return names;
  }

  static List<String> values(Map<String, String> kv) {
    return sortedNames(kv).stream().map(k -> kv.getOrDefault(k, "")).toList();
  }

  private static Map<String, String> common(List<NotificationData.Alert> views, boolean labels) {
    if (views.isEmpty()) {
      return Map.of();
    }
    Map<String, String> c =
        new TreeMap<>(labels ? views.get(0).labels() : views.get(0).annotations());
    for (NotificationData.Alert v : views.subList(1, views.size())) {
      Map<String, String> m = labels ? v.labels() : v.annotations();
      c.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
    }
    return java.util.Collections.unmodifiableMap(c);
  }
}
