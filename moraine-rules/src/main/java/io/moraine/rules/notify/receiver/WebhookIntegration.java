package io.moraine.rules.notify.receiver;

import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.template.NotificationData;
import java.util.List;

/** Alertmanager's webhook: the template data, version "4", the group key, truncation count. */
final class WebhookIntegration implements Integration {
  private final WebhookConfig config;
  private final HttpPoster poster;

  WebhookIntegration(WebhookConfig config, HttpPoster poster) {
    this.config = config;
    this.poster = poster;
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public Outcome attempt(Notification n, List<Alert> alerts, long deadlineMillis)
      throws InterruptedException {
    return poster.post(config.url(), config.http(), payload(n, alerts), deadlineMillis).outcome();
  }

  /** The JSON body, with the first {@code max_alerts} alerts. */
  String payload(Notification n, List<Alert> alerts) {
    int max = config.maxAlerts();
    List<Alert> kept = max > 0 && alerts.size() > max ? alerts.subList(0, max) : alerts;
    TemplateView v = TemplateView.of(n, kept);
    GoJson j = new GoJson().open();
    j.field("receiver", v.receiver).field("status", v.status).name("alerts").openArray();
    for (NotificationData.Alert a : v.alerts) {
      j.open().field("status", a.status());
      j.name("labels").map(a.labels()).name("annotations").map(a.annotations());
      j.field("startsAt", GoText.rfc3339(a.startsAtMillis()));
      j.field("endsAt", GoText.rfc3339(a.endsAtMillis()));
      j.field("generatorURL", a.generatorUrl()).field("fingerprint", a.fingerprint()).close();
    }
    j.closeArray();
    j.name("groupLabels").map(v.groupLabels).name("commonLabels").map(v.commonLabels);
    j.name("commonAnnotations").map(v.commonAnnotations).field("externalURL", v.externalUrl);
    j.field("version", "4").field("groupKey", n.groupKey());
    j.field("truncatedAlerts", (long) n.truncatedAlerts() + (alerts.size() - kept.size()));
    return j.close().finish();
  }
}
