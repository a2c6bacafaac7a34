package io.moraine.rules.notify.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.AlertState;
import io.moraine.rules.notify.AlertStateChange;
import io.moraine.rules.notify.Notification;
import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long MIN = 60_000;

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(T0);
  final RecordingReceivers receivers = new RecordingReceivers();
  final List<AlertStateChange> changes = new CopyOnWriteArrayList<>();
  MetricRegistry registry = new MetricRegistry();

  private RouteConfig root =
      RouteConfig.root("team")
          .withGroupBy(List.of("alertname"))
          .withTimings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(60));

  private Router open(List<InhibitRule> inhibit) throws IOException {
    registry = new MetricRegistry();
    return Router.open(
        new NotifyOptions(
            root,
            inhibit,
            receivers,
            dir,
            clock,
            "http://moraine:9090",
            Duration.ofMinutes(5),
            registry,
            changes::add));
  }

  /** A firing alert as Prometheus sends it: valid for 4 minutes from now. */
  private Alert firing(long startsAt, String... labels) {
    return new Alert(
        Labels.of(labels), Map.of("summary", "s"), startsAt, clock.nowMillis() + 4 * MIN, "");
  }

  private List<Alert> upAB() {
    return List.of(
        firing(T0, "alertname", "Up", "instance", "a"),
        firing(T0 + MIN, "alertname", "Up", "instance", "b"));
  }

  private Alert resolved(long startsAt, String... labels) {
    return new Alert(Labels.of(labels), Map.of(), startsAt, clock.nowMillis(), "");
  }

  private void at(long offsetMillis, Router r) {
    clock.setMillis(T0 + offsetMillis);
    r.tick();
  }

  /** Moves the clock, then has the rules (re)send alerts built at that time, then ticks. */
  private void at(long offsetMillis, Router r, Supplier<List<Alert>> resend) {
    clock.setMillis(T0 + offsetMillis);
    r.send(resend.get());
    r.tick();
  }

  @Test
  void groupWaitThenGroupIntervalThenRepeat() throws IOException {
    try (Router r = open(List.of())) {
      r.send(List.of(firing(T0, "alertname", "Up", "instance", "a")));
      at(0, r);
      at(29_000, r);
      assertThat(receivers.sent).isEmpty();
      at(30_000, r);
      Notification first = receivers.drain().getFirst();
      assertThat(first.receiver()).isEqualTo("team");
      assertThat(first.groupKey()).isEqualTo("{}:{alertname=\"Up\"}");
      assertThat(first.groupLabels()).containsExactly(Map.entry("alertname", "Up"));
      assertThat(first.externalUrl()).isEqualTo("http://moraine:9090");
      assertThat(receivers.deadlines.getFirst()).isEqualTo(T0 + 30_000 + 5 * MIN);
      // a second alert joins; it waits for the group interval
      at(MIN, r, this::upAB);
      at(4 * MIN, r, this::upAB);
      assertThat(receivers.sent).isEmpty();
      at(5 * MIN + 30_000, r, this::upAB);
      assertThat(receivers.drain().getFirst().alerts())
          .extracting(a -> a.labels().get("instance"))
          .containsExactly("a", "b");
      // nothing changed: deduplicated until repeat_interval (60 m) has passed
      for (long m = 10; m <= 60; m += 5) {
        at(m * MIN + 30_000, r, this::upAB);
      }
      assertThat(receivers.sent).isEmpty();
      assertThat(metrics()).contains("moraine_notifications_suppressed_total{reason=\"dedup\"} 11");
      // as Alertmanager: due only once strictly more than repeat_interval has passed, so a flush
      // exactly 60 m after the last notification still dedups, and the next one sends
      at(65 * MIN + 30_000, r, this::upAB);
      assertThat(receivers.sent).isEmpty();
      at(70 * MIN + 30_000, r, this::upAB);
      assertThat(receivers.drain()).hasSize(1);
      assertThat(metrics())
          .contains("moraine_notify_aggregation_groups 1")
          .contains("moraine_notify_alerts{state=\"active\"} 2");
    }
  }

  @Test
  void oldAlertFlushesAtOnceAndResolvedIsSentOnceThenDropped() throws IOException {
    try (Router r = open(List.of())) {
      clock.setMillis(T0 + 10 * MIN);
      r.send(List.of(firing(T0, "alertname", "Old")));
      r.tick();
      assertThat(receivers.drain()).hasSize(1);
      at(12 * MIN, r, () -> List.of(resolved(T0, "alertname", "Old")));
      assertThat(receivers.sent).isEmpty();
      at(15 * MIN, r);
      Notification n = receivers.drain().getFirst();
      assertThat(n.status()).isEqualTo("resolved");
      assertThat(metrics()).contains("moraine_notify_aggregation_groups 0");
      // Prometheus keeps resending the resolved alert for 15 minutes: never notified again
      for (long m = 16; m < 30; m++) {
        at(m * MIN, r, () -> List.of(resolved(T0, "alertname", "Old")));
      }
      assertThat(receivers.sent).isEmpty();
    }
  }

  @Test
  void failedDeliveryIsRetriedAtTheNextInterval() throws IOException {
    try (Router r = open(List.of())) {
      receivers.fail = true;
      r.send(List.of(firing(T0, "alertname", "X")));
      at(30_000, r);
      assertThat(receivers.drain()).hasSize(1);
      receivers.fail = false;
      at(5 * MIN + 30_000, r, () -> List.of(firing(T0, "alertname", "X")));
      assertThat(receivers.drain()).hasSize(1);
      at(10 * MIN + 30_000, r, () -> List.of(firing(T0, "alertname", "X")));
      assertThat(receivers.drain()).isEmpty();
    }
  }

  @Test
  void routesToEveryMatchingReceiverWithContinue() throws IOException {
    root =
        root.withRoutes(
            List.of(
                RouteConfig.DEFAULT
                    .withReceiver("db")
                    .withContinue(true)
                    .withMatchers(List.of(Matcher.eq("team", "db"))),
                RouteConfig.DEFAULT.withReceiver("all").withGroupBy(List.of("..."))));
    try (Router r = open(List.of())) {
      r.send(List.of(firing(T0, "alertname", "A", "team", "db", "i", "1")));
      at(30_000, r);
      assertThat(receivers.drain())
          .extracting(Notification::receiver, Notification::groupKey)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("db", "{}/{team=\"db\"}:{alertname=\"A\"}"),
              org.assertj.core.groups.Tuple.tuple(
                  "all", "{}/{}:{alertname=\"A\", i=\"1\", team=\"db\"}"));
    }
  }

  @Test
  void inhibitionWithEqualLabels() throws IOException {
    root = root.withGroupBy(List.of("alertname", "instance"));
    InhibitRule rule =
        new InhibitRule(
            List.of(Matcher.eq("alertname", "NodeDown")),
            List.of(Matcher.eq("severity", "warning")),
            List.of("instance"));
    try (Router r = open(List.of(rule))) {
      r.send(
          List.of(
              firing(T0, "alertname", "NodeDown", "instance", "a", "severity", "critical"),
              firing(T0, "alertname", "Disk", "instance", "a", "severity", "warning"),
              firing(T0, "alertname", "Disk", "instance", "b", "severity", "warning")));
      at(30_000, r);
      assertThat(receivers.drain())
          .extracting(Notification::groupKey)
          .containsExactlyInAnyOrder(
              "{}:{alertname=\"NodeDown\", instance=\"a\"}",
              "{}:{alertname=\"Disk\", instance=\"b\"}");
      assertThat(changes)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.state()).isEqualTo(AlertState.SILENCED);
                assertThat(c.labels().get("instance")).isEqualTo("a");
                assertThat(c.timeMillis()).isEqualTo(T0 + 30_000);
              });
      assertThat(metrics())
          .contains("moraine_notifications_suppressed_total{reason=\"inhibited\"} 1");
      // the source resolves: the target is notified at its next interval
      at(
          2 * MIN,
          r,
          () ->
              List.of(
                  resolved(T0, "alertname", "NodeDown", "instance", "a", "severity", "critical"),
                  firing(T0, "alertname", "Disk", "instance", "a", "severity", "warning")));
      at(
          5 * MIN + 30_000,
          r,
          () -> List.of(firing(T0, "alertname", "Disk", "instance", "a", "severity", "warning")));
      assertThat(receivers.drain())
          .extracting(Notification::groupKey)
          .contains("{}:{alertname=\"Disk\", instance=\"a\"}");
    }
  }

  @Test
  void silenceMutesUntilExpired() throws IOException {
    try (Router r = open(List.of())) {
      r.silences()
          .set(
              new Silence(
                  "",
                  List.of(Matcher.eq("alertname", "Noisy")),
                  T0,
                  T0 + 10 * MIN,
                  0,
                  "me",
                  "maintenance"));
      r.send(List.of(firing(T0, "alertname", "Noisy"), firing(T0, "alertname", "Other")));
      at(30_000, r);
      assertThat(receivers.drain())
          .extracting(Notification::groupKey)
          .containsExactly("{}:{alertname=\"Other\"}");
      assertThat(changes).extracting(c -> c.labels().get("alertname")).containsExactly("Noisy");
      assertThat(metrics())
          .contains("moraine_silences{state=\"active\"} 1")
          .contains("moraine_notify_alerts{state=\"suppressed\"} 1");
      at(
          5 * MIN + 30_000,
          r,
          () -> List.of(firing(T0, "alertname", "Noisy"), firing(T0, "alertname", "Other")));
      assertThat(receivers.drain()).isEmpty();
      at(
          10 * MIN + 30_000,
          r,
          () -> List.of(firing(T0, "alertname", "Noisy"), firing(T0, "alertname", "Other")));
      assertThat(receivers.drain())
          .extracting(Notification::groupKey)
          .containsExactly("{}:{alertname=\"Noisy\"}");
      assertThat(metrics()).contains("moraine_silences{state=\"expired\"} 1");
    }
  }

  @Test
  void restartSendsNothingTwiceAndLosesNothing() throws IOException {
    try (Router r = open(List.of())) {
      r.send(List.of(firing(T0, "alertname", "A")));
      at(30_000, r);
      assertThat(receivers.drain()).hasSize(1);
      clock.setMillis(T0 + MIN);
      r.send(List.of(firing(T0, "alertname", "A")));
    }
    // restart: the rules resend A; already notified, so nothing goes out
    try (Router r = open(List.of())) {
      at(2 * MIN, r, () -> List.of(firing(T0, "alertname", "A")));
      at(3 * MIN, r);
      assertThat(receivers.drain()).isEmpty();
    }
    // restart again, and the rules never resend (A stopped while down): the kept alert resolves
    // (end time 6 m) and the resolution goes out at the group's next interval
    try (Router r = open(List.of())) {
      at(5 * MIN, r);
      at(9 * MIN, r);
      assertThat(receivers.drain()).isEmpty();
      at(10 * MIN, r);
      assertThat(receivers.drain())
          .singleElement()
          .extracting(Notification::status)
          .isEqualTo("resolved");
    }
    try (Router r = open(List.of())) {
      at(11 * MIN, r, () -> List.of(resolved(T0, "alertname", "A")));
      at(20 * MIN, r, () -> List.of(resolved(T0, "alertname", "A")));
      assertThat(receivers.drain()).isEmpty();
    }
  }

  @Test
  void corruptStateIsRefused() throws IOException {
    try (Router r = open(List.of())) {
      r.send(List.of(firing(T0, "alertname", "A")));
      at(30_000, r);
    }
    Path nflog = dir.resolve("nflog");
    byte[] b = Files.readAllBytes(nflog);
    b[12] ^= 0x40;
    Files.write(nflog, b);
    assertThatThrownBy(() -> open(List.of()))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("nflog")
        .hasMessageContaining("checksum mismatch");
    b[12] ^= 0x40;
    b[4] = 9;
    Files.write(nflog, b);
    assertThatThrownBy(() -> open(List.of()))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported nflog version 9");
    Files.write(dir.resolve("silences"), "garbage!".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> open(List.of()))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("not a silences file");
  }

  private String metrics() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(out);
    registry.writeTo(w);
    w.flush();
    return out.toString(StandardCharsets.UTF_8);
  }
}
