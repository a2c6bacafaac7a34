package io.moraine.server.api.prom;

import static io.moraine.server.api.prom.ApiTestServer.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label values and range-query series come in UTF-8 byte order, as Go sorts strings, not in Java's
 * UTF-16 order: a character above U+FFFF sorts after U+E000.
 */
class Utf8OrderApiTest {
  private static final String EMOJI = "\uD83D\uDE00";
  private static final String PRIVATE_USE = "\uE000";

  @TempDir static Path dir;
  private static ApiTestServer server;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(dir);
    server.append(1_000, 1, "__name__", "up", "zone", EMOJI);
    server.append(1_000, 2, "__name__", "up", "zone", PRIVATE_USE);
    server.append(1_000, 3, "__name__", "up", "zone", "a");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void labelValuesAreInByteOrder() {
    List<String> values = new ArrayList<>();
    data(server.get("/api/v1/label/zone/values")).forEach(v -> values.add(v.asText()));
    assertThat(values).containsExactly("a", PRIVATE_USE, EMOJI);
  }

  @Test
  void rangeQuerySeriesAreInByteOrder() {
    List<String> zones = new ArrayList<>();
    data(server.get("/api/v1/query_range?query=up&start=1&end=2&step=1"))
        .get("result")
        .forEach(s -> zones.add(s.get("metric").get("zone").asText()));
    assertThat(zones).containsExactly("a", PRIVATE_USE, EMOJI);
  }
}
