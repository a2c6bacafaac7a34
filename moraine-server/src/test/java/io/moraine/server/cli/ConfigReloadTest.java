package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /-/reload} applies {@code scrape_configs} and {@code remote_write} as Prometheus
 * does: new jobs start, removed ones stop with staleness markers, changed ones take their new
 * settings, unchanged ones go on untouched, a new remote receives samples, and an invalid file
 * changes nothing.
 */
class ConfigReloadTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private final List<HttpServer> targets = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Path cfg;

  @BeforeEach
  void config() {
    cfg = dir.resolve("moraine.yml");
  }

  @AfterEach
  void stopTargets() {
    targets.forEach(t -> t.stop(0));
    http.close();
  }

  /** A target exposing {@code <name>_scrapes_total}, one more at each scrape. */
  private String target(String name) throws Exception {
    HttpServer t = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger n = new AtomicInteger();
    t.createContext(
        "/metrics",
        x -> {
          byte[] b =
              ("# TYPE %s_scrapes_total counter\n%s_scrapes_total %d\n"
                      .formatted(name, name, n.incrementAndGet()))
                  .getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(b);
          }
        });
    t.start();
    targets.add(t);
    return "127.0.0.1:" + t.getAddress().getPort();
  }

  private void writeConfig(String jobs) throws Exception {
    Files.writeString(
        cfg,
        """
        global:
          scrape_interval: 200ms
          scrape_timeout: 200ms
        scrape_configs:
        """
            + jobs.indent(2));
  }

  private static String job(String name, String addr, String extra) {
    return """
        - job_name: %s
          static_configs:
            - targets: ["%s"]
        %s"""
        .formatted(name, addr, extra);
  }

  private HttpResponse<String> post(TestServer s, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(s.url() + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String get(TestServer s, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(s.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Every stored sample of every series matching {@code ms}, by series. */
  private static Map<Labels, List<double[]>> samples(TestServer s, Matcher... ms) {
    Map<Labels, List<double[]>> out = new LinkedHashMap<>();
    try (Querier q = s.store.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, SelectHints.NONE, ms);
      while (set.next()) {
        List<double[]> points = new ArrayList<>();
        SampleIterator it = set.at().iterator(null);
        while (it.next()) {
          points.add(new double[] {it.atT(), it.atV()});
        }
        out.put(set.at().labels(), points);
      }
    }
    return out;
  }

  private static long staleMarkers(Map<Labels, List<double[]>> series) {
    return series.values().stream()
        .flatMap(List::stream)
        .filter(p -> StaleNaN.isStale(p[1]))
        .count();
  }

  private static int count(TestServer s, Matcher... ms) {
    return samples(s, ms).values().stream().mapToInt(List::size).sum();
  }

  @Test
  void addedJobStartsChangedJobTakesItsRelabelingUnchangedJobGoesOnRemovedJobGoesStale()
      throws Exception {
    String a = target("a");
    String b = target("b");
    String c = target("c");
    writeConfig(job("a", a, "") + job("b", b, ""));
    try (TestServer s = TestServer.start("--config", cfg.toString())) {
      Matcher upA = Matcher.eq("__name__", "up");
      await().atMost(WAIT).until(() -> count(s, Matcher.eq("job", "b")) > 4);

      // add c, relabel b, leave a alone
      writeConfig(
          job("a", a, "")
              + job(
                  "b",
                  b,
                  """
                    relabel_configs:
                      - target_label: env
                        replacement: test
                  """)
              + job("c", c, ""));
      int beforeA = count(s, Matcher.eq("job", "a"), upA);
      HttpResponse<String> r = post(s, "/-/reload");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      await().atMost(WAIT).until(() -> get(s, "/api/v1/targets").contains("\"scrapePool\":\"c\""));
      await().atMost(WAIT).until(() -> count(s, Matcher.eq("__name__", "c_scrapes_total")) > 2);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  count(s, Matcher.eq("__name__", "b_scrapes_total"), Matcher.eq("env", "test"))
                      > 2);
      assertThat(get(s, "/api/v1/targets"))
          .contains("\"labels\":{\"env\":\"test\",\"instance\":\"" + b + "\",\"job\":\"b\"}");
      // b's series without env ended with a staleness marker
      Map<Labels, List<double[]>> oldB =
          samples(s, Matcher.eq("job", "b"), Matcher.eq("env", ""), Matcher.eq("__name__", "up"));
      assertThat(oldB).hasSize(1);
      List<double[]> oldUp = oldB.values().iterator().next();
      assertThat(StaleNaN.isStale(oldUp.getLast()[1])).isTrue();

      // a went on: no staleness marker, no gap around the reload
      Map<Labels, List<double[]>> aSeries = samples(s, Matcher.eq("job", "a"));
      assertThat(staleMarkers(aSeries)).isZero();
      List<double[]> aUp = samples(s, Matcher.eq("job", "a"), upA).values().iterator().next();
      assertThat(aUp.size()).isGreaterThan(beforeA);
      for (int i = 1; i < aUp.size(); i++) {
        // scraped throughout: no gap (a busy machine may delay a tick or two, not five)
        assertThat(aUp.get(i)[0] - aUp.get(i - 1)[0]).isLessThan(1000.0);
      }

      // remove b
      writeConfig(job("a", a, "") + job("c", c, ""));
      assertThat(post(s, "/-/reload").statusCode()).isEqualTo(200);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                List<double[]> up =
                    samples(s, Matcher.eq("job", "b"), Matcher.eq("env", "test"), upA)
                        .values()
                        .iterator()
                        .next();
                return StaleNaN.isStale(up.getLast()[1]);
              });
      assertThat(get(s, "/api/v1/targets"))
          .doesNotContain("\"scrapePool\":\"b\"")
          .contains("\"scrapePool\":\"a\"")
          .contains("\"scrapePool\":\"c\"");
      assertThat(
              samples(s, Matcher.eq("__name__", "b_scrapes_total"), Matcher.eq("env", "test"))
                  .values()
                  .iterator()
                  .next()
                  .getLast()[1])
          .matches(StaleNaN::isStale);
      assertThat(staleMarkers(samples(s, Matcher.eq("job", "a")))).isZero();
    }
  }

  @Test
  void anInvalidConfigChangesNothingAndIsReported() throws Exception {
    String a = target("a");
    String b = target("b");
    writeConfig(job("a", a, ""));
    try (TestServer s = TestServer.start("--config", cfg.toString())) {
      assertThat(get(s, "/metrics"))
          .contains("prometheus_config_last_reload_successful 1")
          .contains("prometheus_config_last_reload_success_timestamp_seconds ");
      await().atMost(WAIT).until(() -> count(s, Matcher.eq("job", "a")) > 2);

      // a new job whose CA file is missing: the whole reload fails, nothing starts
      Path missing = dir.resolve("missing-ca.pem");
      writeConfig(
          job("a", a, "")
              + job(
                  "b",
                  b,
                  """
                    tls_config:
                      ca_file: %s
                  """
                      .formatted(missing)));
      HttpResponse<String> r = post(s, "/-/reload");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body())
          .startsWith("failed to reload config: scrape job \"b\": unable to load specified CA cert")
          .contains(missing.toString());
      assertThat(get(s, "/api/v1/targets")).doesNotContain("\"scrapePool\":\"b\"");
      assertThat(get(s, "/metrics")).contains("prometheus_config_last_reload_successful 0");
      assertThat(get(s, "/api/v1/status/runtimeinfo")).contains("\"reloadConfigSuccess\":false");

      // a YAML error: the same, and the old job is still scraped
      Files.writeString(cfg, "scrape_configs:\n  - job_name: [\n");
      r = post(s, "/-/reload");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).startsWith("failed to reload config: ");
      int before = count(s, Matcher.eq("job", "a"));
      await().atMost(WAIT).until(() -> count(s, Matcher.eq("job", "a")) > before + 4);
      assertThat(staleMarkers(samples(s, Matcher.eq("job", "a")))).isZero();
      assertThat(get(s, "/api/v1/targets")).contains("\"scrapePool\":\"a\"");

      // a good one again
      writeConfig(job("a", a, "") + job("b", b, ""));
      assertThat(post(s, "/-/reload").statusCode()).isEqualTo(200);
      assertThat(get(s, "/metrics")).contains("prometheus_config_last_reload_successful 1");
      assertThat(get(s, "/api/v1/status/runtimeinfo")).contains("\"reloadConfigSuccess\":true");
      await().atMost(WAIT).until(() -> count(s, Matcher.eq("__name__", "b_scrapes_total")) > 0);
    }
  }

  @Test
  void aRemoteAddedOnReloadReceivesSamples() throws Exception {
    String a = target("a");
    writeConfig(job("a", a, ""));
    try (TestServer receiver = TestServer.start();
        TestServer s = TestServer.start("--config", cfg.toString())) {
      await().atMost(WAIT).until(() -> count(s, Matcher.eq("job", "a")) > 2);
      Matcher[] scrapes = {Matcher.eq("__name__", "a_scrapes_total"), Matcher.eq("job", "a")};
      assertThat(count(receiver, scrapes)).isZero();

      Files.writeString(
          cfg,
          Files.readString(cfg)
              + """
              remote_write:
                - url: %s/api/v1/write
                  name: other
              """
                  .formatted(receiver.url()));
      HttpResponse<String> r = post(s, "/-/reload");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      await().atMost(WAIT).until(() -> count(receiver, scrapes) > 2);
      // the scrape job was left alone
      assertThat(staleMarkers(samples(s, Matcher.eq("job", "a")))).isZero();

      // removed: the receiver gets nothing more
      writeConfig(job("a", a, ""));
      assertThat(post(s, "/-/reload").statusCode()).isEqualTo(200);
      int sent = count(receiver, scrapes);
      int scraped = count(s, scrapes);
      await().atMost(WAIT).until(() -> count(s, scrapes) > scraped + 3);
      assertThat(count(receiver, scrapes)).isLessThanOrEqualTo(sent + 1);
    }
  }
}
