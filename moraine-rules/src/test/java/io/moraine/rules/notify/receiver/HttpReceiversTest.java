package io.moraine.rules.notify.receiver;

import static io.moraine.rules.notify.receiver.Fixtures.FIRING;
import static io.moraine.rules.notify.receiver.Fixtures.RESOLVED;
import static io.moraine.rules.notify.receiver.Fixtures.golden;
import static io.moraine.rules.notify.receiver.Fixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpReceiversTest {
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

  private DefaultReceivers receivers(ReceiverConfig... rc) {
    return new DefaultReceivers(List.of(rc), env.options(dir));
  }

  private ReceiverConfig webhook(WebhookConfig c) {
    return new ReceiverConfig("team-x", List.of(c), List.of(), List.of(), List.of(), List.of());
  }

  private long deadline(long seconds) {
    return env.clock.nowMillis() + seconds * 1000;
  }

  @Test
  void webhookPayloadIsAlertmanagersVersion4() throws Exception {
    var r = receivers(webhook(WebhookConfig.DEFAULT.withUrl(server.uri("/hook"))));

    assertThat(r.deliver(notification("team-x", FIRING, RESOLVED), deadline(10))).isTrue();

    assertThat(server.requests).hasSize(1);
    var req = server.requests.getFirst();
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/hook");
    assertThat(req.header("Content-type")).isEqualTo("application/json");
    assertThat(req.body()).isEqualTo(golden("webhook.json"));
    assertThat(env.metrics.total("webhook").get()).isEqualTo(1);
  }

  @Test
  void webhookMaxAlertsTruncatesAndCounts() throws Exception {
    var c = new WebhookConfig(true, HttpSettings.DEFAULT, server.uri("/hook"), 1);
    receivers(webhook(c)).deliver(notification("team-x", FIRING, RESOLVED), deadline(10));

    String body = server.requests.getFirst().body();
    assertThat(body).contains("\"truncatedAlerts\":1").contains("a:9100").doesNotContain("b:9100");
    assertThat(body)
        .contains("\"commonLabels\":{\"alertname\":\"HighLatency\",\"instance\":\"a:9100\"");
  }

  @Test
  void pagerDutyEventsV2Payload() throws Exception {
    var pd = PagerDutyConfig.DEFAULT.withKeyAndUrl("R0UT1NG", server.uri("/v2/enqueue"));
    var rc = new ReceiverConfig("team-x", List.of(), List.of(pd), List.of(), List.of(), List.of());

    assertThat(receivers(rc).deliver(notification("team-x", FIRING, RESOLVED), deadline(10)))
        .isTrue();

    assertThat(server.requests.getFirst().body()).isEqualTo(golden("pagerduty.json"));
  }

  @Test
  void pagerDutyResolvesWhenEveryAlertResolved() {
    var pd = PagerDutyConfig.DEFAULT.withKeyAndUrl("R0UT1NG", server.uri("/v2/enqueue"));
    var rc = new ReceiverConfig("team-x", List.of(), List.of(pd), List.of(), List.of(), List.of());

    receivers(rc).deliver(notification("team-x", RESOLVED), deadline(10));

    String body = server.requests.getFirst().body();
    assertThat(body).contains("\"event_action\":\"resolve\"").contains("\"summary\":\"[RESOLVED] ");
    // dedup_key is sha256 of the group key, the same for trigger and resolve
    assertThat(body)
        .contains(
            "\"dedup_key\":\"" + PagerDutyIntegration.sha256("{}:{alertname=\"HighLatency\"}"));
  }

  @Test
  void slackAttachmentWithDefaultTemplates() throws Exception {
    var s =
        new SlackConfig(
            true, HttpSettings.DEFAULT, server.uri("/slack"), "#alerts", "", "", "", "");
    var rc = new ReceiverConfig("team-x", List.of(), List.of(), List.of(s), List.of(), List.of());

    receivers(rc).deliver(notification("team-x", FIRING, RESOLVED), deadline(10));

    assertThat(server.requests.getFirst().body()).isEqualTo(golden("slack.json"));
  }

  @Test
  void slackSkipsResolvedByDefault() {
    var s = SlackConfig.DEFAULT.withApiUrl(server.uri("/slack"));
    var rc = new ReceiverConfig("team-x", List.of(), List.of(), List.of(s), List.of(), List.of());
    var r = receivers(rc);

    assertThat(r.deliver(notification("team-x", RESOLVED), deadline(10))).isTrue();
    assertThat(server.requests).isEmpty();

    r.deliver(notification("team-x", FIRING, RESOLVED), deadline(10));
    String body = server.requests.getFirst().body();
    assertThat(body).contains("[FIRING:1]").contains("\"color\":\"danger\"");
  }

  @Test
  void retriesOn500And429ThenSucceeds() {
    server.reply(500, "boom").reply(429, "slow down");
    var r = receivers(webhook(WebhookConfig.DEFAULT.withUrl(server.uri("/hook"))));

    assertThat(r.deliver(notification("team-x", FIRING), deadline(60))).isTrue();

    assertThat(server.requests).hasSize(3);
    assertThat(server.requests.get(0).body()).isEqualTo(server.requests.get(2).body());
    // 0.5 s then 0.75 s, each within ±50 % jitter
    assertThat(env.sleeps).hasSize(2);
    assertThat(env.sleeps.get(0)).isBetween(250L, 750L);
    assertThat(env.sleeps.get(1)).isBetween(375L, 1125L);
    assertThat(env.metrics.failed("webhook", "serverError").get()).isZero();
  }

  @Test
  void permanent400IsNotRetried() {
    server.always(400, "bad payload");
    var r = receivers(webhook(WebhookConfig.DEFAULT.withUrl(server.uri("/hook"))));

    assertThat(r.deliver(notification("team-x", FIRING), deadline(60))).isFalse();

    assertThat(server.requests).hasSize(1);
    assertThat(env.sleeps).isEmpty();
    assertThat(env.metrics.failed("webhook", "clientError").get()).isEqualTo(1);
  }

  @Test
  void deadlineStopsRetries() {
    server.always(503, "");
    var r = receivers(webhook(WebhookConfig.DEFAULT.withUrl(server.uri("/hook"))));
    long start = env.clock.nowMillis();

    assertThat(r.deliver(notification("team-x", FIRING), start + 10_000)).isFalse();

    long slept = env.sleeps.stream().mapToLong(Long::longValue).sum();
    assertThat(slept).isLessThan(10_000);
    assertThat(server.requests).hasSize(env.sleeps.size() + 1).hasSizeGreaterThan(3);
    assertThat(env.metrics.failed("webhook", "serverError").get()).isEqualTo(1);
  }

  @Test
  void networkErrorIsRetried() throws Exception {
    URI dead;
    try (var s = new java.net.ServerSocket(0)) {
      dead = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/hook");
    }
    var r = receivers(webhook(WebhookConfig.DEFAULT.withUrl(dead)));

    assertThat(r.deliver(notification("team-x", FIRING), deadline(5))).isFalse();

    assertThat(env.sleeps).isNotEmpty();
    assertThat(env.metrics.failed("webhook", "other").get()).isEqualTo(1);
  }

  @Test
  void sendResolvedFalseDropsResolvedAlertsAndSkipsAllResolved() {
    var c = new WebhookConfig(false, HttpSettings.DEFAULT, server.uri("/hook"), 0);
    var r = receivers(webhook(c));

    assertThat(r.deliver(notification("team-x", RESOLVED), deadline(5))).isTrue();
    assertThat(server.requests).isEmpty();

    r.deliver(notification("team-x", FIRING, RESOLVED), deadline(5));
    assertThat(server.requests.getFirst().body()).contains("a:9100").doesNotContain("b:9100");
  }

  @Test
  void basicAuthAndBearerTokenAreSent() {
    var basic = new HttpSettings("u", "p", "", Duration.ofSeconds(5));
    var bearer = new HttpSettings("", "", "t0k", Duration.ofSeconds(5));
    var rc =
        new ReceiverConfig(
            "team-x",
            List.of(
                new WebhookConfig(true, basic, server.uri("/a"), 0),
                new WebhookConfig(true, bearer, server.uri("/b"), 0)),
            List.of(),
            List.of(),
            List.of(),
            List.of());

    assertThat(receivers(rc).deliver(notification("team-x", FIRING), deadline(5))).isTrue();

    Map<String, String> auth = new java.util.HashMap<>();
    server.requests.forEach(q -> auth.put(q.path(), q.header("Authorization")));
    assertThat(auth).containsEntry("/a", "Basic dTpw").containsEntry("/b", "Bearer t0k");
  }

  @Test
  void unknownReceiverAndDuplicateNamesAreRejected() {
    var r = receivers(ReceiverConfig.empty("blackhole"));
    assertThat(r.deliver(notification("blackhole", FIRING), deadline(5))).isTrue();
    assertThatThrownBy(() -> r.deliver(notification("nobody", FIRING), deadline(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nobody");
    assertThatThrownBy(() -> receivers(ReceiverConfig.empty("x"), ReceiverConfig.empty("x")))
        .hasMessageContaining("\"x\" is defined twice");
  }
}
