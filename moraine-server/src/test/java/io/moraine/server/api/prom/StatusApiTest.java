package io.moraine.server.api.prom;

import static io.moraine.server.api.prom.ApiTestServer.assertError;
import static io.moraine.server.api.prom.ApiTestServer.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Storage;
import io.moraine.server.store.InMemoryStorage;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.TsdbOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status/*} and {@code metadata} over a real store. */
class StatusApiTest {
  @TempDir static Path dir;
  private static ApiTestServer server;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(dir);
    server.append(1_000, 1, "__name__", "up", "job", "node", "instance", "a");
    server.append(1_000, 0, "__name__", "up", "job", "node", "instance", "b");
    server.append(2_000, 1, "__name__", "up", "job", "api", "instance", "c");
    server.append(2_000, 7, "__name__", "http_requests_total", "job", "api", "code", "200");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void buildInfo() {
    JsonNode d = data(server.get("/api/v1/status/buildinfo"));
    assertThat(d.fieldNames())
        .toIterable()
        .containsExactly("version", "revision", "branch", "buildUser", "buildDate", "goVersion");
    assertThat(d.get("version").asText()).isEqualTo("1.2.3");
    assertThat(d.get("goVersion").asText()).startsWith("java25");
  }

  @Test
  void runtimeInfo() {
    JsonNode d = data(server.get("/api/v1/status/runtimeinfo"));
    assertThat(d.fieldNames())
        .toIterable()
        .containsExactly(
            "startTime",
            "CWD",
            "reloadConfigSuccess",
            "lastConfigTime",
            "corruptionCount",
            "goroutineCount",
            "GOMAXPROCS",
            "GOGC",
            "GODEBUG",
            "storageRetention");
    assertThat(d.get("startTime").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(d.get("storageRetention").asText()).isEqualTo("15d");
    assertThat(d.get("goroutineCount").asInt()).isPositive();
    assertThat(d.get("reloadConfigSuccess").asBoolean()).isTrue();
  }

  @Test
  void flagsAreAStringMap() {
    assertThat(server.get("/api/v1/status/flags").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"listen\":\":0\",\"query.timeout\":\"2m\"}}");
  }

  @Test
  void rfc3339NanoDropsTrailingZeros() {
    assertThat(StatusEndpoints.rfc3339Nano(1_435_781_451_780L))
        .isEqualTo("2015-07-01T20:10:51.78Z");
    assertThat(StatusEndpoints.rfc3339Nano(1_435_781_451_001L))
        .isEqualTo("2015-07-01T20:10:51.001Z");
  }

  @Test
  void tsdbStatusFromTheHead() {
    JsonNode d = data(server.get("/api/v1/status/tsdb"));
    assertThat(d.fieldNames())
        .toIterable()
        .containsExactly(
            "headStats",
            "seriesCountByMetricName",
            "labelValueCountByLabelName",
            "memoryInBytesByLabelName",
            "seriesCountByLabelValuePair");
    assertThat(d.get("headStats").toString())
        .isEqualTo(
            "{\"numSeries\":4,\"numLabelPairs\":8,\"chunkCount\":4,\"minTime\":1000,"
                + "\"maxTime\":2000}");
    assertThat(stats(d, "seriesCountByMetricName")).isEqualTo("up=3 http_requests_total=1");
    assertThat(stats(d, "labelValueCountByLabelName"))
        .isEqualTo("instance=3 __name__=2 job=2 code=1");
    assertThat(stats(d, "memoryInBytesByLabelName"))
        .isEqualTo("__name__=21 job=7 code=3 instance=3");
    assertThat(stats(d, "seriesCountByLabelValuePair"))
        .isEqualTo(
            "__name__=up=3 job=api=2 job=node=2 __name__=http_requests_total=1 code=200=1"
                + " instance=a=1 instance=b=1 instance=c=1");
  }

  @Test
  void tsdbStatusKeepsTheTopTenAndAgreesWithTheQuerierPath() throws IOException {
    InMemoryStorage other = new InMemoryStorage();
    try (Tsdb tsdb =
        Tsdb.open(
            dir.resolve("top"), TsdbOptions.DEFAULT, ApiTestServer.CLOCK, new MetricRegistry())) {
      for (Storage store : List.of(other, tsdb)) {
        Appender a = store.appender();
        for (int m = 0; m < 12; m++) {
          for (int s = 0; s <= m; s++) {
            a.append(Labels.of("__name__", "m" + m, "s", Integer.toString(s)), 1_000L * m, s);
          }
        }
        a.commit();
      }
      TsdbStatus.Status head = TsdbStatus.compute(tsdb);
      assertThat(head.head().chunkCount()).isEqualTo(78);
      TsdbStatus.Status viaQuerier = TsdbStatus.compute(other);
      assertThat(viaQuerier.head().chunkCount()).isZero();
      assertThat(viaQuerier)
          .usingRecursiveComparison()
          .ignoringFields("head.chunkCount")
          .isEqualTo(head);
    }
    TsdbStatus.Status st = TsdbStatus.compute(other);
    assertThat(st.seriesCountByMetricName()).hasSize(10);
    assertThat(st.seriesCountByMetricName().getFirst()).isEqualTo(new TsdbStatus.Stat("m11", 12));
    assertThat(st.seriesCountByMetricName().getLast()).isEqualTo(new TsdbStatus.Stat("m2", 3));
    assertThat(st.head().numSeries()).isEqualTo(78);
    assertThat(st.head().numLabelPairs()).isEqualTo(24);
    assertThat(st.head().minTime()).isZero();
    assertThat(st.head().maxTime()).isEqualTo(11_000);
    assertThat(st.seriesCountByLabelValuePair().subList(0, 3))
        .containsExactly(
            new TsdbStatus.Stat("__name__=m11", 12),
            new TsdbStatus.Stat("s=0", 12),
            new TsdbStatus.Stat("__name__=m10", 11));
  }

  @Test
  void metadataIsEmptyWithoutTargets() {
    MetricMetadataRegistry empty = new MetricMetadataRegistry();
    assertThat(empty.snapshot("", -1)).isEmpty();
    assertThat(server.get("/api/v1/metadata?metric=none").body())
        .isEqualTo("{\"status\":\"success\",\"data\":{}}");
  }

  @Test
  void metadataWithLimitAndMetric() {
    server.metadata.put("up", new MetricMetadata("gauge", "Whether up.", ""));
    server.metadata.put("a_total", new MetricMetadata("counter", "As.", "seconds"));
    server.metadata.put("up", new MetricMetadata("gauge", "Whether up.", ""));
    JsonNode all = data(server.get("/api/v1/metadata"));
    assertThat(all.get("up").toString())
        .isEqualTo("[{\"type\":\"gauge\",\"help\":\"Whether up.\",\"unit\":\"\"}]");
    assertThat(all.get("a_total").get(0).get("unit").asText()).isEqualTo("seconds");
    assertThat(data(server.get("/api/v1/metadata?limit=1")).size()).isEqualTo(1);
    assertThat(data(server.get("/api/v1/metadata?limit=0")).size()).isZero();
    assertThat(data(server.get("/api/v1/metadata?metric=up")).fieldNames())
        .toIterable()
        .containsExactly("up");
    assertError(
        server.get("/api/v1/metadata?limit=ten"), 400, "bad_data", "limit must be a number");
  }

  private static String stats(JsonNode d, String field) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode s : d.get(field)) {
      assertThat(s.fieldNames()).toIterable().containsExactly("name", "value");
      sb.append(sb.isEmpty() ? "" : " ").append(s.get("name").asText()).append('=');
      sb.append(s.get("value").asLong());
    }
    return sb.toString();
  }
}
