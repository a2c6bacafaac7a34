package io.moraine.rules.notify.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.rules.notify.Alert;
import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerNotifierTest {
  private static final long T0 = 1_700_000_000_123L;

  private final MetricRegistry registry = new MetricRegistry();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  private FakeAlertmanager am(boolean holdFirst) throws IOException {
    FakeAlertmanager a = new FakeAlertmanager(holdFirst);
    closing.add(a);
    return a;
  }

  private AlertmanagerNotifier notifier(AlertmanagerNotifierOptions o) {
    AlertmanagerNotifier n = new AlertmanagerNotifier(o, new ManualClock(T0), registry);
    closing.add(n);
    return n;
  }

  private static AlertmanagerNotifierOptions oneSet() {
    return AlertmanagerNotifierOptions.DEFAULT
        .withSets(List.of(AlertmanagerSetOptions.of("config-0")))
        .withUserAgent("Moraine/test");
  }

  private static Alert alert(String name, String... labels) {
    List<String> kv = new ArrayList<>(List.of("alertname", name));
    kv.addAll(List.of(labels));
    return new Alert(Labels.of(kv.toArray(String[]::new)), Map.of(), T0, T0 + 60_000, "");
  }

  private String metrics() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(out);
    registry.writeTo(w);
    w.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The alertnames of one POSTed body, in order. */
  private static List<String> names(String body) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(body)) {
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("alertname")) {
          out.add(p.nextTextValue());
        }
      }
    }
    return out;
  }

  @Test
  void postsTheExactApiV2BodyWithHeaders() throws Exception {
    FakeAlertmanager am = am(false);
    var set =
        AlertmanagerSetOptions.of("config-0")
            .withAuthorization(AlertmanagerSetOptions.Authorization.bearer("s3cret"));
    AlertmanagerNotifier n = notifier(oneSet().withSets(List.of(set)));
    n.updateTargets("config-0", List.of(am.url("/prefix/api/v2/alerts")));
    n.send(
        List.of(
            new Alert(
                Labels.of("alertname", "HighLoad", "severity", "page"),
                Map.of("summary", "load <high> & rising", "description", "x\u2028y"),
                1_700_000_000_123L,
                1_700_000_180_000L,
                "http://moraine:9700/graph?g0.expr=up"),
            new Alert(Labels.of("alertname", "Quiet"), Map.of(), 5, 0, "")));
    await().atMost(10, TimeUnit.SECONDS).until(() -> am.requests.size() == 1);
    var r = am.requests.getFirst();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/prefix/api/v2/alerts");
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.userAgent()).isEqualTo("Moraine/test");
    assertThat(r.authorization()).isEqualTo("Bearer s3cret");
    assertThat(r.body())
        .isEqualTo(
            "[{\"annotations\":{\"description\":\"x\\u2028y\","
                + "\"summary\":\"load \\u003chigh\\u003e \\u0026 rising\"},"
                + "\"endsAt\":\"2023-11-14T22:16:20.000Z\","
                + "\"startsAt\":\"2023-11-14T22:13:20.123Z\","
                + "\"generatorURL\":\"http://moraine:9700/graph?g0.expr=up\","
                + "\"labels\":{\"alertname\":\"HighLoad\",\"severity\":\"page\"}},"
                + "{\"endsAt\":\"0001-01-01T00:00:00.000Z\","
                + "\"startsAt\":\"1970-01-01T00:00:00.005Z\","
                + "\"labels\":{\"alertname\":\"Quiet\"}}]");
    await()
        .atMost(5, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(metrics())
                    .contains(
                        "moraine_notifications_sent_total{alertmanager=\""
                            + am.url("/prefix/api/v2/alerts")
                            + "\"} 2"));
  }

  @Test
  void basicAuthHeader() throws Exception {
    FakeAlertmanager am = am(false);
    var set =
        AlertmanagerSetOptions.of("config-0")
            .withAuthorization(AlertmanagerSetOptions.Authorization.basic("user", "pa:ss"));
    AlertmanagerNotifier n = notifier(oneSet().withSets(List.of(set)));
    n.updateTargets("config-0", List.of(am.url("/api/v2/alerts")));
    n.send(List.of(alert("A")));
    await().atMost(10, TimeUnit.SECONDS).until(() -> am.requests.size() == 1);
    assertThat(am.requests.getFirst().authorization()).isEqualTo("Basic dXNlcjpwYTpzcw==");
  }

  @Test
  void batchesHoldAtMost64Alerts() throws Exception {
    FakeAlertmanager am = am(true);
    AlertmanagerNotifier n = notifier(oneSet());
    n.updateTargets("config-0", List.of(am.url("/api/v2/alerts")));
    n.send(List.of(alert("first")));
    assertThat(am.firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
    List<Alert> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add(alert("a" + i));
    }
    n.send(many);
    assertThat(metrics()).contains("moraine_notifications_queue_length 150");
    am.release();
    await().atMost(10, TimeUnit.SECONDS).until(() -> am.requests.size() == 4);
    List<Integer> sizes = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (var r : am.requests) {
      List<String> batch = names(r.body());
      sizes.add(batch.size());
      all.addAll(batch);
    }
    assertThat(sizes).containsExactly(1, 64, 64, 22);
    assertThat(all.subList(1, all.size())).startsWith("a0", "a1").endsWith("a148", "a149");
    assertThat(metrics()).contains("moraine_notifications_dropped_total 0");
  }

  @Test
  void aFullQueueDropsTheOldestAndCountsThem() throws Exception {
    FakeAlertmanager am = am(true);
    AlertmanagerNotifier n = notifier(oneSet().withQueueCapacity(10));
    n.updateTargets("config-0", List.of(am.url("/api/v2/alerts")));
    n.send(List.of(alert("first")));
    assertThat(am.firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 25; i++) {
      n.send(List.of(alert("a" + i)));
    }
    assertThat(metrics())
        .contains("moraine_notifications_dropped_total 15")
        .contains("moraine_notifications_queue_length 10")
        .contains("moraine_notifications_queue_capacity 10");
    am.release();
    await().atMost(10, TimeUnit.SECONDS).until(() -> am.requests.size() == 2);
    assertThat(names(am.requests.get(1).body()))
        .containsExactly("a15", "a16", "a17", "a18", "a19", "a20", "a21", "a22", "a23", "a24");
  }

  @Test
  void anAlertmanagerDownDoesNotStopTheOthers() throws Exception {
    FakeAlertmanager up = am(false);
    FakeAlertmanager failing = am(false);
    failing.status(500);
    URI down;
    try (ServerSocket s = new ServerSocket(0)) {
      down = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/api/v2/alerts");
    }
    var second = AlertmanagerSetOptions.of("config-1").withTimeout(Duration.ofSeconds(2));
    AlertmanagerNotifier n =
        notifier(oneSet().withSets(List.of(AlertmanagerSetOptions.of("config-0"), second)));
    n.updateTargets("config-0", List.of(down, failing.url("/api/v2/alerts")));
    n.updateTargets("config-1", List.of(up.url("/api/v2/alerts"), up.url("/api/v2/alerts")));
    assertThat(n.alertmanagers()).hasSize(3);
    n.send(List.of(alert("A")));
    await().atMost(10, TimeUnit.SECONDS).until(() -> up.requests.size() == 1);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(metrics())
                    .contains("moraine_notifications_errors_total{alertmanager=\"" + down + "\"} 1")
                    .contains(
                        "moraine_notifications_errors_total{alertmanager=\""
                            + failing.url("/api/v2/alerts")
                            + "\"} 1")
                    .contains(
                        "moraine_notifications_errors_total{alertmanager=\""
                            + up.url("/api/v2/alerts")
                            + "\"} 0")
                    .contains("moraine_notifications_sent_total{alertmanager=\"" + down + "\"} 1")
                    .contains("moraine_notifications_alertmanagers_discovered 3")
                    .contains("moraine_notifications_dropped_total 0"));
    assertThat(failing.requests).hasSize(1);
  }

  @Test
  void aBatchNobodyTookIsDropped() throws Exception {
    FakeAlertmanager failing = am(false);
    failing.status(400);
    AlertmanagerNotifier n = notifier(oneSet());
    n.updateTargets("config-0", List.of(failing.url("/api/v2/alerts")));
    n.send(List.of(alert("A"), alert("B")));
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () -> assertThat(metrics()).contains("moraine_notifications_dropped_total 2"));
    n.updateTargets("config-0", List.of());
    n.send(List.of(alert("C")));
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () -> assertThat(metrics()).contains("moraine_notifications_dropped_total 3"));
    assertThat(failing.requests).hasSize(1);
  }

  @Test
  void externalLabelsFillGapsAndRelabelMayDrop() throws Exception {
    FakeAlertmanager am = am(false);
    Function<Labels, @Nullable Labels> relabel =
        l ->
            "Drop".equals(l.get("alertname"))
                ? null
                : l.toBuilder().add("relabeled", l.getOrEmpty("region")).build();
    AlertmanagerNotifier n =
        notifier(
            oneSet()
                .withExternalLabels(Labels.of("region", "eu", "site", "edge-1"))
                .withAlertRelabel(relabel));
    n.updateTargets("config-0", List.of(am.url("/api/v2/alerts")));
    n.send(List.of(alert("Own", "region", "us"), alert("Drop"), alert("Bare")));
    await().atMost(10, TimeUnit.SECONDS).until(() -> am.requests.size() == 1);
    assertThat(am.requests.getFirst().body())
        .contains(
            "\"labels\":{\"alertname\":\"Own\",\"region\":\"us\",\"relabeled\":\"us\","
                + "\"site\":\"edge-1\"}")
        .contains(
            "\"labels\":{\"alertname\":\"Bare\",\"region\":\"eu\",\"relabeled\":\"eu\","
                + "\"site\":\"edge-1\"}")
        .doesNotContain("Drop");
  }

  @Test
  void unknownSetIsIgnoredAndReloadKeepsUrlsOfSetsThatStay() throws Exception {
    FakeAlertmanager am = am(false);
    AlertmanagerNotifier n = notifier(oneSet());
    n.updateTargets("config-9", List.of(am.url("/x")));
    assertThat(n.alertmanagers()).isEmpty();
    n.updateTargets("config-0", List.of(am.url("/api/v2/alerts")));
    n.applyOptions(
        oneSet()
            .withSets(
                List.of(
                    AlertmanagerSetOptions.of("config-0"), AlertmanagerSetOptions.of("config-1"))));
    assertThat(n.alertmanagers()).containsExactly(am.url("/api/v2/alerts"));
    n.send(List.of(alert("AfterReload")));
    await().atMost(10, TimeUnit.SECONDS).until(() -> am.requests.size() == 1);
    assertThat(names(am.requests.getFirst().body())).containsExactly("AfterReload");
  }
}
