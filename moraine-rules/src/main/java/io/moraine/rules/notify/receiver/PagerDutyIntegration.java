package io.moraine.rules.notify.receiver;

import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.template.TemplateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** PagerDuty Events API v2, as Alertmanager's default pagerduty config sends it. */
final class PagerDutyIntegration implements Integration {
  /** PagerDuty's limit on the summary, in characters. */
  private static final int MAX_SUMMARY_RUNES = 1024;

  private final PagerDutyConfig config;
  private final HttpPoster poster;

  PagerDutyIntegration(PagerDutyConfig config, HttpPoster poster) {
    if (config.routingKey().isEmpty()) {
      throw new IllegalArgumentException("pagerduty: routing_key must not be empty");
    }
    this.config = config;
    this.poster = poster;
  }

  @Override
  public String kind() {
    return "pagerduty";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public Outcome attempt(Notification n, List<Alert> alerts, long deadlineMillis)
      throws InterruptedException {
    String body;
    try {
      body = payload(n, alerts);
    } catch (TemplateException e) {
      return Texts.failed(kind(), e);
    }
    return poster.post(config.url(), config.http(), body, deadlineMillis).outcome();
  }

  String payload(Notification n, List<Alert> alerts) throws TemplateException {
    TemplateView v = TemplateView.of(n, alerts);
    Texts t = new Texts(v);
    String client = t.expand("client", or(config.client(), "Alertmanager"));
    String source = config.source().isEmpty() ? client : t.expand("source", config.source());
    String summary =
        config.description().isEmpty()
            ? v.subject()
            : t.expand("description", config.description());
    GoJson j = new GoJson().open();
    j.field("routing_key", config.routingKey()).fieldOmitEmpty("dedup_key", sha256(n.groupKey()));
    j.field("event_action", v.status.equals("firing") ? "trigger" : "resolve");
    j.name("payload").open();
    j.field("summary", GoText.truncateRunes(summary, MAX_SUMMARY_RUNES));
    j.field("source", source)
        .field("severity", t.expand("severity", or(config.severity(), "error")));
    j.fieldOmitEmpty("class", t.expand("class", config.eventClass()));
    j.fieldOmitEmpty("component", t.expand("component", config.component()));
    j.fieldOmitEmpty("group", t.expand("group", config.group()));
    j.name("custom_details").map(details(v, t)).close();
    j.fieldOmitEmpty("client", client)
        .fieldOmitEmpty(
            "client_url",
            config.clientUrl().isEmpty()
                ? v.alertsUrl()
                : t.expand("client_url", config.clientUrl()));
    return j.close().finish();
  }

  private Map<String, String> details(TemplateView v, Texts t) throws TemplateException {
    Map<String, String> d = new TreeMap<>();
    d.put("firing", TemplateView.textAlertList(v.firing()));
    d.put("resolved", TemplateView.textAlertList(v.resolved()));
    d.put("num_firing", Integer.toString(v.firing().size()));
    d.put("num_resolved", Integer.toString(v.resolved().size()));
    d.putAll(t.expandValues("details", config.details()));
    return d;
  }

  private static String or(String value, String dflt) {
    return value.isEmpty() ? dflt : value;
  }

  /** Alertmanager's dedup key: the SHA-256 of the group key, in hex. */
  static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: the JDK always has SHA-256", e);
    }
  }
}
