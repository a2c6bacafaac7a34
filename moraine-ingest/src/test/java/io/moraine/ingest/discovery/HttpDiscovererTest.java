package io.moraine.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.testkit.time.ManualClock;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpDiscovererTest {
  /** What the test server answers next. */
  private record Answer(int status, String contentType, String body) {}

  private final ManualClock clock = new ManualClock();
  private final DiscoveryMetrics metrics = new DiscoveryMetrics(new MetricRegistry());
  private final Updates updates = new Updates();
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final AtomicReference<@Nullable Headers> lastRequest = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private String url = "";
  private @Nullable HttpDiscoverer discoverer;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/sd",
        exchange -> {
          lastRequest.set(exchange.getRequestHeaders());
          Answer a = answer.get();
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", a.contentType());
          exchange.sendResponseHeaders(a.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          requests.incrementAndGet();
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sd";
  }

  @AfterEach
  void stop() {
    if (discoverer != null) {
      discoverer.close();
    }
    server.stop(0);
  }

  private static ConditionFactory soon() {
    return await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20));
  }

  private void answer(String body) {
    answer.set(new Answer(200, "application/json", body));
  }

  private HttpDiscoverer start(HttpDiscoveryOptions options) {
    HttpDiscoverer d = new HttpDiscoverer(options, clock, metrics);
    discoverer = d;
    d.start(updates);
    soon().until(() -> updates.calls() >= 1);
    return d;
  }

  /** Moves the clock one interval on and waits for the poll it causes. */
  private void nextPoll() {
    int before = requests.get();
    clock.advance(HttpDiscoveryOptions.DEFAULT_REFRESH_INTERVAL);
    soon().until(() -> requests.get() > before);
  }

  @Test
  void groupsGetUrlSourcesAndMetaLabelAndTheRequestCarriesPrometheusHeaders() {
    answer("[{\"targets\": [\"a:1\"], \"labels\": {\"job\": \"j\"}}, {\"targets\": [\"b:1\"]}]");
    start(HttpDiscoveryOptions.of(url).withAuthorization(HttpDiscoveryOptions.bearer("t0k")));
    assertThat(updates.call(0))
        .containsExactly(
            new TargetGroup(
                url + ":0",
                List.of(Labels.of("__address__", "a:1")),
                Labels.of("job", "j", "__meta_url", url)),
            new TargetGroup(
                url + ":1",
                List.of(Labels.of("__address__", "b:1")),
                Labels.of("__meta_url", url)));
    Headers h = java.util.Objects.requireNonNull(lastRequest.get());
    assertThat(h.getFirst("Accept")).isEqualTo("application/json");
    assertThat(h.getFirst("X-Prometheus-Refresh-Interval-Seconds")).isEqualTo("60");
    assertThat(h.getFirst("Authorization")).isEqualTo("Bearer t0k");
    assertThat(h.getFirst("User-Agent")).isEqualTo("Moraine");
  }

  @Test
  void changingBodiesAreFollowedAndVanishedGroupsRemoved() {
    answer("[{\"targets\": [\"a:1\"]}, {\"targets\": [\"b:1\"]}]");
    start(HttpDiscoveryOptions.of(url));
    answer("[{\"targets\": [\"a:1\"]}, {\"targets\": [\"b:2\"]}]");
    nextPoll();
    soon().until(() -> updates.calls() == 2);
    assertThat(updates.last()).extracting(TargetGroup::source).containsExactly(url + ":1");

    answer("[{\"targets\": [\"a:1\"]}]");
    nextPoll();
    soon().until(() -> updates.calls() == 3);
    assertThat(updates.last()).containsExactly(TargetGroup.empty(url + ":1"));
    assertThat(updates.addresses()).isEqualTo(Map.of(url + ":0", List.of("a:1")));

    nextPoll(); // same body: no call
    assertThat(updates.calls()).isEqualTo(3);
  }

  @Test
  void aBadStatusOrTypeOrBodyKeepsTheLastGroupsAndIsCounted() {
    answer("[{\"targets\": [\"a:1\"]}]");
    start(HttpDiscoveryOptions.of(url));
    answer.set(new Answer(500, "application/json", "[]"));
    nextPoll();
    soon().until(() -> metrics.httpFailures.get() == 1);
    answer.set(new Answer(200, "text/plain", "[]"));
    nextPoll();
    soon().until(() -> metrics.httpFailures.get() == 2);
    answer("[{\"targets\": [\"a:1\"], \"labels\": {\"a.b\": \"x\"}}]");
    nextPoll();
    soon().until(() -> metrics.httpFailures.get() == 3);
    assertThat(updates.calls()).isEqualTo(1);
    assertThat(updates.addresses()).isEqualTo(Map.of(url + ":0", List.of("a:1")));

    answer.set(new Answer(200, "Application/JSON; charset=\"utf-8\"", "[]"));
    nextPoll();
    soon().until(() -> updates.calls() == 2);
    assertThat(updates.state()).isEmpty();
    assertThat(metrics.httpFailures.get()).isEqualTo(3);
  }

  @Test
  void aFirstFailureStillMakesTheFirstCall() {
    answer.set(new Answer(404, "application/json", "[]"));
    start(HttpDiscoveryOptions.of(url));
    assertThat(updates.call(0)).isEmpty();
    assertThat(metrics.httpFailures.get()).isEqualTo(1);
    answer("[{\"targets\": [\"a:1\"]}]");
    nextPoll();
    soon().until(() -> updates.calls() == 2);
  }

  @Test
  void optionsRefuseWhatPrometheusRefuses() {
    assertThatThrownBy(() -> HttpDiscoveryOptions.of("")).hasMessage("URL is missing");
    assertThatThrownBy(() -> HttpDiscoveryOptions.of("ftp://a/b"))
        .hasMessage("URL scheme must be 'http' or 'https'");
    assertThatThrownBy(() -> HttpDiscoveryOptions.of("http:///sd"))
        .hasMessage("host is missing in URL");
    assertThat(HttpDiscoveryOptions.basicAuth("u", "p")).isEqualTo("Basic dTpw");
    assertThat(HttpDiscoveryOptions.of("https://x/").refreshInterval())
        .isEqualTo(Duration.ofSeconds(60));
  }
}
