package io.moraine.rules.notify.receiver;

import static io.moraine.rules.notify.receiver.Fixtures.FIRING;
import static io.moraine.rules.notify.receiver.Fixtures.RESOLVED;
import static io.moraine.rules.notify.receiver.Fixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.rules.template.GoTemplates;
import io.moraine.rules.template.NotificationData;
import io.moraine.rules.template.TemplateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configured templates in receivers: the named defaults equal the Java defaults, templated fields
 * arrive expanded, and a failing template fails delivery with reason {@code template}.
 */
class NotificationTemplatesTest {
  @TempDir Path dir;
  final Fixtures.Env env = new Fixtures.Env();
  final RecordingHttpServer server = newServer();

  private static RecordingHttpServer newServer() {
    try {
      return new RecordingHttpServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DefaultReceivers receivers(ReceiverConfig rc) {
    return new DefaultReceivers(List.of(rc), env.options(dir));
  }

  private long deadline() {
    return env.clock.nowMillis() + 10_000;
  }

  private static String run(String text, TemplateView v) throws TemplateException {
    return GoTemplates.expandNotification("t", text, v.data());
  }

  @Test
  void namedDefaultsEqualTheJavaDefaults() throws TemplateException {
    Alert other =
        new Alert(
            Labels.of("alertname", "HighLatency", "job", "db", "zone", "a b"),
            Map.of("summary", "x"),
            1_700_000_000_000L,
            Fixtures.NOW + 60_000,
            "http://g");
    List<Notification> ns =
        List.of(
            notification("team.x", FIRING, RESOLVED),
            notification("team-x", RESOLVED),
            notification("r", FIRING, other));
    for (Notification n : ns) {
      TemplateView v = TemplateView.of(n, n.alerts());
      assertThat(run("{{ template \"slack.default.title\" . }}", v)).isEqualTo(v.subject());
      assertThat(run("{{ template \"__subject\" . }}", v)).isEqualTo(v.subject());
      assertThat(run("{{ template \"email.default.subject\" . }}", v)).isEqualTo(v.subject());
      assertThat(run("{{ template \"pagerduty.default.description\" . }}", v))
          .isEqualTo(v.subject());
      assertThat(run("{{ template \"__alertmanagerURL\" . }}", v)).isEqualTo(v.alertsUrl());
      assertThat(run("{{ template \"__text_alert_list\" .Alerts.Firing }}", v))
          .isEqualTo(TemplateView.textAlertList(v.firing()));
      assertThat(run("{{ template \"__text_alert_list\" .Alerts.Resolved }}", v))
          .isEqualTo(TemplateView.textAlertList(v.resolved()));
    }
  }

  @Test
  void dataCarriesWebhookFingerprintsAndQuotedReceiver() throws TemplateException {
    Notification n = notification("team.x", FIRING, RESOLVED);
    NotificationData d = TemplateView.of(n, n.alerts()).data();
    assertThat(d.receiver()).isEqualTo("team\\.x");
    assertThat(d.alerts().get(0).fingerprint()).isEqualTo(GoText.fingerprint(FIRING.labels()));
    assertThat(d.alerts().get(0).endsAtMillis()).isZero();
    assertThat(d.alerts().get(1).status()).isEqualTo("resolved");
    assertThat(d.commonLabels()).containsEntry("job", "node").doesNotContainKey("instance");
  }

  @Test
  void slackTemplatedFieldsArriveExpanded() {
    var s =
        new SlackConfig(
            true,
            HttpSettings.DEFAULT,
            server.uri("/slack"),
            "#{{ .CommonLabels.job }}",
            "bot-{{ .Receiver }}",
            "",
            "{{ .Status | toUpper }}: {{ .CommonLabels.alertname }} ({{ len .Alerts.Firing }})",
            "{{ range .Alerts }}{{ .Labels.instance }} {{ end }}");
    var rc = new ReceiverConfig("team-x", List.of(), List.of(), List.of(s), List.of(), List.of());

    assertThat(receivers(rc).deliver(notification("team-x", FIRING, RESOLVED), deadline()))
        .isTrue();

    String body = server.requests.getFirst().body();
    assertThat(body)
        .contains("\"channel\":\"#node\"")
        .contains("\"username\":\"bot-team-x\"")
        .contains("\"title\":\"FIRING: HighLatency (1)\"")
        .contains("\"text\":\"a:9100 b:9100 \"")
        .contains("\"fallback\":\"[FIRING:1] HighLatency (node page) | ");
  }

  @Test
  void pagerDutySummaryAndDetailsArriveExpanded() {
    var pd =
        new PagerDutyConfig(
            true,
            HttpSettings.DEFAULT,
            "R0UT1NG",
            server.uri("/v2/enqueue"),
            "{{ if eq .CommonLabels.severity \"page\" }}critical{{ else }}info{{ end }}",
            "",
            "{{ .CommonLabels.job }}",
            "",
            "",
            "",
            "",
            Map.of(
                "firing",
                "{{ template \"pagerduty.default.instances\" .Alerts.Firing }}",
                "count",
                "{{ len .Alerts }}",
                "plain",
                "as is"),
            "{{ .CommonAnnotations.runbook }} {{ (index .Alerts 0).Annotations.summary }}");
    var rc = new ReceiverConfig("team-x", List.of(), List.of(pd), List.of(), List.of(), List.of());

    assertThat(receivers(rc).deliver(notification("team-x", FIRING, RESOLVED), deadline()))
        .isTrue();

    String body = server.requests.getFirst().body();
    assertThat(body)
        .contains("\"summary\":\"https://runbooks/latency p99 \\u003e 1s \\u003cb\\u003e\\u0026\"")
        .contains("\"severity\":\"critical\"")
        .contains("\"component\":\"node\"")
        .contains("\"count\":\"2\"")
        .contains("\"plain\":\"as is\"")
        .contains("\"firing\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:9100")
        .contains("\"num_firing\":\"1\"");
  }

  @Test
  void emailHeadersIncludingSubjectAreExpanded() throws TemplateException {
    var c =
        new EmailConfig(
            false,
            List.of("a@example.com"),
            "m@example.com",
            "127.0.0.1:25",
            "h",
            "",
            "",
            false,
            Map.of(
                "Subject", "{{ .CommonLabels.alertname }}: {{ len .Alerts }} alerts",
                "X-Job", "{{ .CommonLabels.job }}",
                "X-Plain", "static"),
            java.time.Duration.ofSeconds(5));
    Notification n = notification("team-x", FIRING, RESOLVED);
    String msg = EmailMessage.render(TemplateView.of(n, n.alerts()), c, Fixtures.NOW);
    assertThat(msg)
        .contains("Subject: HighLatency: 2 alerts\r\n")
        .contains("X-Job: node\r\n")
        .contains("X-Plain: static\r\n");
  }

  @Test
  void failingTemplateFailsDeliveryWithReasonTemplate() {
    var s =
        new SlackConfig(
            true, HttpSettings.DEFAULT, server.uri("/slack"), "", "", "", "{{ .Nope }}", "");
    var rc = new ReceiverConfig("team-x", List.of(), List.of(), List.of(s), List.of(), List.of());

    assertThat(receivers(rc).deliver(notification("team-x", FIRING), deadline())).isFalse();

    assertThat(server.requests).isEmpty();
    assertThat(env.sleeps).isEmpty();
    assertThat(env.metrics.failed("slack", "template").get()).isEqualTo(1);
  }
}
