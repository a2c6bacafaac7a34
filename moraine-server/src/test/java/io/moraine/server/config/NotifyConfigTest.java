package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.rules.notify.receiver.ReceiverConfig;
import io.moraine.rules.notify.route.RouteConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The {@code notify} section binds into the router's and the receivers' records. */
class NotifyConfigTest {
  @Test
  void everyPartOfTheSectionIsBound() throws Exception {
    NotifyConfig n =
        ConfigLoader.load(ConfigFilesTest.dir().resolve("notify.good.yml")).notifications();
    assertThat(n.enabled()).isTrue();
    assertThat(n.resolveTimeout()).isEqualTo(Duration.ofMinutes(10));
    RouteConfig root = Objects.requireNonNull(n.route());
    assertThat(root.receiver()).isEqualTo("ops");
    assertThat(root.groupBy()).containsExactly("alertname", "cluster");
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(3));
    List<RouteConfig> routes = root.routes();
    assertThat(routes).hasSize(3);
    assertThat(routes.get(0).continueMatching()).isTrue();
    assertThat(routes.get(0).matchers()).hasToString("[severity=\"critical\", team=~\"db|infra\"]");
    assertThat(routes.get(0).groupBy()).isNull();
    assertThat(routes.get(1).matchers()).hasToString("[severity=\"warning\"]");
    assertThat(routes.get(2).matchers()).hasToString("[namespace=~\"prod-.*\"]");
    assertThat(routes.get(2).groupBy()).containsExactly("...");
    assertThat(n.inhibitRules()).hasSize(1);
    assertThat(n.inhibitRules().getFirst().equal()).containsExactly("alertname", "cluster");

    assertThat(n.receivers())
        .extracting(ReceiverConfig::name)
        .containsExactly("ops", "pager", "chat", "incidents");
    ReceiverConfig ops = n.receivers().get(0);
    assertThat(ops.webhooks().getFirst().url()).hasToString("http://127.0.0.1:5001/hook");
    assertThat(ops.webhooks().getFirst().maxAlerts()).isEqualTo(20);
    assertThat(ops.webhooks().getFirst().http().basicAuthUsername()).isEqualTo("u");
    assertThat(ops.email().getFirst().to())
        .containsExactly("oncall@example.org", "lead@example.org");
    assertThat(ops.email().getFirst().smarthost()).isEqualTo("mail.example.org:587");
    assertThat(ops.email().getFirst().from()).isEqualTo("moraine@example.org");
    assertThat(ops.email().getFirst().headers()).containsEntry("X-Site", "edge-1");
    assertThat(n.receivers().get(1).pagerDuty().getFirst().details())
        .containsEntry("site", "edge-1")
        .containsEntry("count", "{{ len .Alerts.Firing }}");
    assertThat(n.receivers().get(1).pagerDuty().getFirst().description())
        .isEqualTo("{{ .CommonLabels.alertname }} on {{ .CommonLabels.cluster }}");
    assertThat(n.receivers().get(2).slack().getFirst().title())
        .isEqualTo("{{ template \"slack.default.title\" . }} ({{ .Receiver }})");
    assertThat(n.receivers().get(2).slack().getFirst().apiUrl())
        .hasToString("https://hooks.slack.com/services/T000/B000/XXXX");
    assertThat(n.receivers().get(2).slack().getFirst().sendResolved()).isTrue();
    assertThat(n.receivers().get(3).betterStack().getFirst().teamName()).isEqualTo("Ops");
  }

  @Test
  void withoutTheSectionThereIsNoBuiltInRouting() throws Exception {
    assertThat(ConfigLoader.parse("global: {}\n", Path.of("x.yml"), Path.of(".")).notifications())
        .isEqualTo(NotifyConfig.DEFAULT);
  }

  @Test
  void timeIntervalsAreBoundAndNamedByRoutes() throws Exception {
    NotifyConfig n =
        ConfigLoader.load(ConfigFilesTest.dir().resolve("notify-time-intervals.good.yml"))
            .notifications();
    assertThat(n.timeIntervals()).containsOnlyKeys("business", "holidays", "offhours");
    io.moraine.rules.notify.route.TimeInterval business =
        n.timeIntervals().getOrDefault("business", List.of()).get(0);
    assertThat(business.location()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    assertThat(business.weekdays())
        .containsExactly(new io.moraine.rules.notify.route.TimeInterval.Range(1, 5));
    // 09:30 Berlin on a Monday; 08:30 Berlin is not
    assertThat(business.matches(java.time.Instant.parse("2024-03-04T08:30:00Z"))).isTrue();
    assertThat(business.matches(java.time.Instant.parse("2024-03-04T07:30:00Z"))).isFalse();
    assertThat(n.timeIntervals().get("holidays")).hasSize(2);
    assertThat(n.timeIntervals().getOrDefault("offhours", List.of()).get(0).times()).hasSize(2);
    var routes = java.util.Objects.requireNonNull(n.route()).routes();
    assertThat(routes.get(0).muteTimeIntervals()).containsExactly("offhours", "holidays");
    assertThat(routes.get(1).activeTimeIntervals()).containsExactly("business");
    assertThat(routes.get(1).muteTimeIntervals()).isEmpty();
  }
}
