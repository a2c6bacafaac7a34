package io.moraine.rules.notify.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router's mute_time_intervals and active_time_intervals, with a manual clock. */
class RouterTimeIntervalTest {
  /** Monday 2024-03-04 08:00 UTC. */
  private static final long T0 = Instant.parse("2024-03-04T08:00:00Z").toEpochMilli();

  private static final long MIN = 60_000;

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(T0);
  final RecordingReceivers receivers = new RecordingReceivers();
  final MetricRegistry registry = new MetricRegistry();

  /** Before 09:00 UTC. */
  private static final TimeInterval NIGHT =
      TimeInterval.ALWAYS.withTimes(List.of(TimeIntervalText.times("00:00", "09:00")));

  /** 09:00 to 17:00 UTC, Monday to Friday. */
  private static final TimeInterval BUSINESS =
      TimeInterval.ALWAYS
          .withTimes(List.of(TimeIntervalText.times("09:00", "17:00")))
          .withWeekdays(List.of(TimeIntervalText.weekdays("monday:friday")));

  private static RouteConfig child(String team) {
    return new RouteConfig(
        null, null, false, List.of(Matcher.eq("team", team)), null, null, null, List.of());
  }

  private Router open(RouteConfig... children) throws IOException {
    RouteConfig root =
        RouteConfig.root("default")
            .withGroupBy(List.of("alertname"))
            .withTimings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4))
            .withRoutes(List.of(children));
    return Router.open(
        NotifyOptions.of(root, receivers, dir, clock, registry)
            .withTimeIntervals(
                Map.of(
                    "night",
                    List.of(NIGHT),
                    "business",
                    List.of(
                        BUSINESS, NIGHT.withYears(List.of(new TimeInterval.Range(1990, 1990)))))));
  }

  /** Sets the clock, has the rules resend a firing alert (valid 4 more minutes), ticks. */
  private void at(long offsetMillis, Router r, String team) {
    clock.setMillis(T0 + offsetMillis);
    r.send(
        List.of(
            new Alert(
                Labels.of("alertname", "Up", "team", team),
                Map.of(),
                T0,
                clock.nowMillis() + 4 * MIN,
                "")));
    r.tick();
  }

  @Test
  void mutedGroupSendsNothingUntilTheIntervalEnds() throws IOException {
    try (Router r = open(child("a").withTimeIntervals(List.of("night"), List.of()))) {
      for (long t = 0; t < 60 * MIN; t += 30_000) {
        at(t, r, "a");
      }
      assertThat(receivers.sent).isEmpty();
      // flushes at 08:00:30, 08:05:30 .. 08:55:30: 12 flushes of one alert
      assertThat(metrics())
          .contains("moraine_notifications_suppressed_total{reason=\"muted\"} 12")
          .contains("moraine_notify_aggregation_groups 1");
      at(60 * MIN, r, "a"); // 09:00:00, no flush due
      assertThat(receivers.sent).isEmpty();
      at(60 * MIN + 30_000, r, "a"); // 09:00:30: first flush outside the interval
      Notification n = receivers.drain().getFirst();
      assertThat(n.receiver()).isEqualTo("default");
      assertThat(n.alerts()).extracting(a -> a.labels().get("team")).containsExactly("a");
      assertThat(metrics()).contains("moraine_notifications_suppressed_total{reason=\"muted\"} 12");
    }
  }

  @Test
  void muteIsNotInheritedByChildRoutes() throws IOException {
    RouteConfig parent =
        child("b")
            .withTimeIntervals(List.of("night"), List.of())
            .withRoutes(
                List.of(
                    new RouteConfig(
                        null,
                        null,
                        false,
                        List.of(Matcher.eq("alertname", "Up")),
                        null,
                        null,
                        null,
                        List.of())));
    try (Router r = open(parent)) {
      at(0, r, "b");
      at(30_000, r, "b");
      assertThat(receivers.drain()).hasSize(1);
    }
  }

  @Test
  void activeIntervalsLetNotificationsThroughOnlyWhileOneIsActive() throws IOException {
    try (Router r =
        open(
            child("c").withTimeIntervals(List.of(), List.of("business")),
            child("d").withTimeIntervals(List.of("night"), List.of("business")))) {
      for (long t = 0; t <= 60 * MIN; t += 30_000) {
        at(t, r, "c");
      }
      assertThat(receivers.sent).isEmpty();
      at(60 * MIN + 30_000, r, "c");
      assertThat(receivers.drain()).hasSize(1);
      // Monday 17:00 on: no longer active; a change (resolved) at 17:10 is held back
      clock.setMillis(T0 + 9 * 60 * MIN + 10 * MIN);
      r.send(
          List.of(
              new Alert(
                  Labels.of("alertname", "Up", "team", "c"), Map.of(), T0, clock.nowMillis(), "")));
      clock.setMillis(T0 + 9 * 60 * MIN + 15 * MIN);
      r.tick();
      clock.setMillis(T0 + 9 * 60 * MIN + 20 * MIN);
      r.tick();
      assertThat(receivers.sent).isEmpty();
    }
  }

  @Test
  void undefinedOrRootIntervalsAreRejected() {
    assertThatThrownBy(() -> open(child("a").withTimeIntervals(List.of(), List.of("lunch"))))
        .isInstanceOf(InvalidRouteException.class)
        .hasMessage("undefined time interval \"lunch\" used in route");
    assertThatThrownBy(
            () ->
                Route.root(
                    RouteConfig.root("r").withTimeIntervals(List.of("night"), List.of()),
                    java.util.Set.of("night")))
        .hasMessage("root route must not have any mute time intervals");
    assertThatThrownBy(
            () ->
                Route.root(
                    RouteConfig.root("r").withTimeIntervals(List.of(), List.of("night")),
                    java.util.Set.of("night")))
        .hasMessage("root route must not have any active time intervals");
  }

  private String metrics() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(out);
    registry.writeTo(w);
    w.flush();
    return out.toString(StandardCharsets.UTF_8);
  }
}
