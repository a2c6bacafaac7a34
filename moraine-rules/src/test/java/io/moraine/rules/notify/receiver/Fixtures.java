package io.moraine.rules.notify.receiver;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.Notification;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Shared notifications and options for the receiver tests. */
final class Fixtures {
  static final long NOW = 1_700_000_100_000L;

  /** One firing alert (annotation with HTML characters) and one resolved alert. */
  static final Alert FIRING =
      new Alert(
          Labels.of(
              "alertname", "HighLatency", "instance", "a:9100", "job", "node", "severity", "page"),
          Map.of("summary", "p99 > 1s <b>&", "runbook", "https://runbooks/latency"),
          1_700_000_000_123L,
          NOW + 180_000,
          "http://moraine:9700/graph?g0.expr=x");

  static final Alert RESOLVED =
      new Alert(
          Labels.of(
              "alertname", "HighLatency", "instance", "b:9100", "job", "node", "severity", "page"),
          Map.of("summary", "ok", "runbook", "https://runbooks/latency"),
          1_700_000_000_000L,
          1_700_000_060_000L,
          "http://moraine:9700/graph?g0.expr=x");

  private Fixtures() {}

  static Notification notification(String receiver, Alert... alerts) {
    return new Notification(
        receiver,
        "{}:{alertname=\"HighLatency\"}",
        Map.of("alertname", "HighLatency"),
        List.of(alerts),
        0,
        "http://moraine:9700",
        NOW);
  }

  /** Options with a manual clock that the sleeper moves, recording each sleep. */
  static final class Env {
    final ManualClock clock = new ManualClock(NOW);
    final MetricRegistry registry = new MetricRegistry();
    final NotificationMetrics metrics = NotificationMetrics.register(registry);
    final List<Long> sleeps = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    ReceiversOptions options(Path stateDir) {
      return new ReceiversOptions(
          http,
          clock,
          metrics,
          null,
          ms -> {
            synchronized (sleeps) {
              sleeps.add(ms);
            }
            clock.advanceMillis(ms);
          },
          new Random(7),
          stateDir);
    }
  }

  static String golden(String name) throws IOException {
    try (InputStream in =
        Fixtures.class.getResourceAsStream("/io/moraine/rules/notify/receiver/" + name)) {
      if (in == null) {
        throw new IOException("missing golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
