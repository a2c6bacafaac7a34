package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpMethod;
import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.server.http.HttpServer;
import io.moraine.testkit.storage.ReferenceStorage;
import io.moraine.testkit.time.ManualClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /federate}: newest samples in the text format, as Prometheus 2.42 federates. */
class FederationTest {
  private static final long NOW = 1_000_000;
  private final ReferenceStorage db = new ReferenceStorage();
  private final ManualClock clock = new ManualClock(NOW);
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private HttpServer http;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    Appender a = db.appender();
    a.append(Labels.of("__name__", "up", "job", "node", "instance", "a"), NOW - 20_000, 1);
    a.append(Labels.of("__name__", "up", "job", "node", "instance", "a"), NOW - 5_000, 0);
    a.append(Labels.of("__name__", "up", "job", "node", "instance", "b"), NOW - 10_000, 1);
    a.append(
        Labels.of("__name__", "up", "job", "node", "instance", "b"), NOW - 5_000, StaleNaN.VALUE);
    a.append(Labels.of("__name__", "up", "job", "node", "instance", "old"), NOW - 400_000, 1);
    a.append(
        Labels.of("__name__", "node_load1", "job", "node", "instance", "a", "site", "x\"y"),
        NOW - 1_000,
        1.5e6);
    a.commit();
    http =
        HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), new MetricRegistry())
            .service(
                "/federate",
                new Federation(
                    () -> db, clock, 300_000, Labels.of("site", "edge-1", "zone", "z"), executor))
            .start();
  }

  @AfterEach
  void stop() {
    http.close();
    executor.close();
    client.close();
  }

  private HttpResponse<String> federate(String... selectors) throws Exception {
    StringBuilder q = new StringBuilder();
    for (String s : selectors) {
      q.append(q.isEmpty() ? "?" : "&")
          .append("match[]=")
          .append(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    URI uri = URI.create("http://127.0.0.1:" + http.localAddress().getPort() + "/federate" + q);
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void newestSamplesByNameWithExternalLabelsAppended() throws Exception {
    HttpResponse<String> r = federate("{job=\"node\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    // b's newest sample is a staleness marker and "old" is past the lookback: both left out.
    assertThat(r.body())
        .isEqualTo(
            "# TYPE node_load1 untyped\n"
                + "node_load1{instance=\"a\",job=\"node\",site=\"x\\\"y\",zone=\"z\"} 1.5e+06 999000\n"
                + "# TYPE up untyped\n"
                + "up{instance=\"a\",job=\"node\",site=\"edge-1\",zone=\"z\"} 0 995000\n");
  }

  @Test
  void overlappingSelectorsGiveEachSeriesOnce() throws Exception {
    String body = federate("up", "{instance=\"a\"}").body();
    assertThat(body.lines().filter(l -> l.startsWith("up{"))).hasSize(1);
    assertThat(body.lines().filter(l -> l.startsWith("node_load1{"))).hasSize(1);
  }

  @Test
  void noSelectorIsAnEmptyAnswerAndABadOneIs400() throws Exception {
    assertThat(federate().body()).isEmpty();
    HttpResponse<String> bad = federate("up{");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("parse error");
  }

  @Test
  void otherMethodsAre405() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + http.localAddress().getPort() + "/federate");
    var r =
        client.send(
            HttpRequest.newBuilder(uri)
                .method(HttpMethod.DELETE.name(), HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }
}
