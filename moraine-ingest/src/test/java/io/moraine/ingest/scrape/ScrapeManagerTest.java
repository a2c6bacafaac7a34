package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.testkit.storage.ReferenceStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scraping real HTTP targets into a store, end to end, at a 200 ms interval. */
class ScrapeManagerTest {
  private final ReferenceStorage db = new ReferenceStorage();
  private final AtomicInteger hits = new AtomicInteger();
  private HttpServer server;
  private ScrapeManager manager;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        x -> {
          int n = hits.incrementAndGet();
          byte[] b =
              ("# TYPE requests_total counter\nrequests_total{code=\"200\"} " + n + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          x.sendResponseHeaders(200, b.length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(b);
          }
        });
    server.createContext(
        "/broken",
        x -> {
          x.sendResponseHeaders(500, -1);
          x.close();
        });
    server.start();
    manager =
        new ScrapeManager(
            db,
            new HttpScraper(HttpClient.newHttpClient(), "Moraine/test"),
            ExpositionParser::new,
            Clock.SYSTEM,
            42);
  }

  @AfterEach
  void stop() {
    manager.close();
    server.stop(0);
  }

  private ScrapeJob job(String name, String path) {
    return job(name, path, l -> l);
  }

  private ScrapeJob job(String name, String path, Function<Labels, @Nullable Labels> relabel) {
    return new ScrapeJob(
        new TargetLabels.JobDefaults(name, 200, 150, path, "http", Map.of()),
        ScrapeOptions.DEFAULT,
        relabel,
        l -> l,
        Map.of(),
        0,
        0,
        null);
  }

  private String addr() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private List<Double> values(Matcher... ms) {
    List<Double> out = new ArrayList<>();
    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, SelectHints.NONE, ms);
      while (set.next()) {
        SampleIterator it = set.at().iterator(null);
        while (it.next()) {
          out.add(it.atV());
        }
      }
    }
    return out;
  }

  @Test
  void scrapesStoreSamplesAndReportsThenStaleMarkersWhenTheTargetGoes() {
    manager.setJobs(List.of(job("app", "/metrics")));
    manager.update(
        "app",
        List.of(new TargetGroup("0", List.of(Labels.of("__address__", addr())), Labels.EMPTY)));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> values(Matcher.eq("__name__", "requests_total")).size() >= 3);
    Matcher[] req = {
      Matcher.eq("__name__", "requests_total"),
      Matcher.eq("job", "app"),
      Matcher.eq("instance", addr()),
      Matcher.eq("code", "200")
    };
    // Each stored value is one more than the last: every successful scrape stored its sample (the
    // very first may time out while the JDK client warms up, at a 150 ms timeout).
    List<Double> stored = values(req);
    for (int k = 1; k < stored.size(); k++) {
      assertThat(stored.get(k)).isEqualTo(stored.get(k - 1) + 1);
    }
    assertThat(values(Matcher.eq("__name__", "up"), Matcher.eq("job", "app"))).contains(1.0);
    TargetStatus st = manager.activeTargets().get(0);
    assertThat(st.health()).isEqualTo("up");
    assertThat(st.scrapeUrl()).isEqualTo("http://" + addr() + "/metrics");
    assertThat(st.labels()).isEqualTo(Labels.of("job", "app", "instance", addr()));

    manager.update("app", List.of(TargetGroup.empty("0")));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              List<Double> v = values(req);
              return StaleNaN.isStale(v.get(v.size() - 1));
            });
    assertThat(manager.activeTargets()).isEmpty();
  }

  @Test
  void aFailingTargetIsDownWithPrometheusError() {
    manager.setJobs(List.of(job("bad", "/broken")));
    manager.update(
        "bad",
        List.of(new TargetGroup("0", List.of(Labels.of("__address__", addr())), Labels.EMPTY)));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> manager.activeTargets().get(0).health().equals("down"));
    assertThat(manager.activeTargets().get(0).lastError())
        .isEqualTo("server returned HTTP status 500 Internal Server Error");
    assertThat(values(Matcher.eq("__name__", "up"), Matcher.eq("job", "bad"))).contains(0.0);
  }

  @Test
  void relabelingCanDropATargetWhichIsThenListedAsDropped() {
    Function<Labels, @Nullable Labels> drop = l -> null;
    ScrapeJob dropAll = job("d", "/metrics", drop);
    manager.setJobs(List.of(dropAll));
    manager.update(
        "d",
        List.of(new TargetGroup("0", List.of(Labels.of("__address__", addr())), Labels.EMPTY)));
    assertThat(manager.activeTargets()).isEmpty();
    assertThat(manager.droppedTargets().get("d")).hasSize(1);
  }

  @Test
  void aChangedJobKeepsItsGroupsAndReplacedGroupsKeepTheLoopsOfTargetsFoundAgain()
      throws Exception {
    String other = "localhost:" + server.getAddress().getPort();
    manager.setJobs(List.of(job("app", "/metrics")));
    manager.update(
        "app",
        List.of(
            new TargetGroup(
                "0",
                List.of(Labels.of("__address__", addr()), Labels.of("__address__", other)),
                Labels.EMPTY)));
    Matcher[] upKept = {Matcher.eq("__name__", "up"), Matcher.eq("instance", addr())};
    await().atMost(Duration.ofSeconds(5)).until(() -> values(upKept).size() >= 2);

    // a changed job: loops restart with the new settings on the groups already discovered
    Function<Labels, @Nullable Labels> tag = l -> l.toBuilder().add("env", "b").build();
    ScrapeJob changed = job("app", "/metrics", tag);
    manager.setJobs(List.of(changed)).get(5, java.util.concurrent.TimeUnit.SECONDS);
    // the stopped loops' staleness markers are stored when the returned future completes
    List<Double> old = values(upKept);
    assertThat(StaleNaN.isStale(old.get(old.size() - 1))).isTrue();
    assertThat(manager.activeTargets())
        .extracting(t -> t.labels().get("env"))
        .containsExactly("b", "b");

    // the same job again: untouched
    assertThat(manager.setJobs(List.of(changed))).isCompleted();

    // new discoverers report only one of the two targets: it keeps its loop, the other stops
    Matcher[] upB = {Matcher.eq("__name__", "up"), Matcher.eq("env", "b")};
    await().atMost(Duration.ofSeconds(5)).until(() -> values(upB).size() >= 4);
    manager.replaceGroups(
        "app",
        List.of(new TargetGroup("0", List.of(Labels.of("__address__", addr())), Labels.EMPTY)));
    assertThat(manager.activeTargets())
        .extracting(t -> t.labels().get("instance"))
        .containsExactly(addr());
    Matcher[] keptB = {
      Matcher.eq("__name__", "up"), Matcher.eq("env", "b"), Matcher.eq("instance", addr())
    };
    int before = values(keptB).size();
    await().atMost(Duration.ofSeconds(5)).until(() -> values(keptB).size() >= before + 2);
    assertThat(values(keptB)).noneMatch(StaleNaN::isStale);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              List<Double> v =
                  values(
                      Matcher.eq("__name__", "up"),
                      Matcher.eq("instance", other),
                      Matcher.eq("env", "b"));
              return StaleNaN.isStale(v.get(v.size() - 1));
            });
  }
}
