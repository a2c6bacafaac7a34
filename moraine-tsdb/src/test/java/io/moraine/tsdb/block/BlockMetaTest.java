package io.moraine.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockMetaTest {
  private static final String ID = "01ARYZ6S410000000000000000";
  private static final String SRC = "01ARYZ6S400000000000000000";

  @TempDir Path dir = Path.of("unset");

  private static BlockMeta sample() {
    return new BlockMeta(
        ID,
        1_602_237_600_000L,
        1_602_244_800_000L,
        new BlockMeta.Stats(553_673_232L, 1_346_066L, 4_440_437L),
        new BlockMeta.Compaction(2, List.of(SRC, ID)),
        BlockMeta.VERSION);
  }

  @Test
  void roundTripsAndIsHumanReadable() throws IOException {
    BlockMeta m = sample();
    m.write(dir);
    assertThat(BlockMeta.read(dir)).isEqualTo(m);
    String json = Files.readString(dir.resolve("meta.json"));
    assertThat(json)
        .isEqualTo(
            """
            {
              "ulid": "01ARYZ6S410000000000000000",
              "minTime": 1602237600000,
              "maxTime": 1602244800000,
              "stats": {
                "numSamples": 553673232,
                "numSeries": 1346066,
                "numChunks": 4440437
              },
              "compaction": {
                "level": 2,
                "sources": [
                  "01ARYZ6S400000000000000000",
                  "01ARYZ6S410000000000000000"
                ]
              },
              "version": 1
            }
            """);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("meta.json");
  }

  @Test
  void readsCompactPrometheusStyleJson() throws IOException {
    Files.writeString(
        dir.resolve("meta.json"),
        "{\"version\":1,\"ulid\":\""
            + ID
            + "\",\"minTime\":-5,\"maxTime\":10,"
            + "\"stats\":{\"numSamples\":0,\"numSeries\":0,\"numChunks\":0},"
            + "\"compaction\":{\"level\":1,\"sources\":[\""
            + ID
            + "\"]}}");
    assertThat(BlockMeta.read(dir))
        .isEqualTo(BlockMeta.level1(ID, -5, 10, new BlockMeta.Stats(0, 0, 0)));
  }

  @Test
  void randomMetasRoundTrip() throws IOException {
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 50; i++) {
      long t = r.nextLong(-(1L << 50), 1L << 50);
      BlockMeta m =
          new BlockMeta(
              Ulid.generate(r.nextLong(1L << 48), r),
              t,
              t + 1 + r.nextLong(1L << 40),
              new BlockMeta.Stats(r.nextLong(Long.MAX_VALUE), r.nextInt(1 << 30), r.nextInt(99)),
              new BlockMeta.Compaction(1 + r.nextInt(5), List.of(Ulid.generate(5, r))),
              1);
      m.write(dir);
      assertThat(BlockMeta.read(dir)).isEqualTo(m);
    }
  }

  @Test
  void unknownVersionIsRefusedFirst() throws IOException {
    Files.writeString(dir.resolve("meta.json"), "{\"version\": 2, \"shiny\": [1.5, true]}");
    assertThatThrownBy(() -> BlockMeta.read(dir))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining(dir.resolve("meta.json").toString());
    Files.writeString(dir.resolve("meta.json"), "{\"version\": 2, \"shiny\": \"yes\"}");
    assertThatThrownBy(() -> BlockMeta.read(dir))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported meta.json version 2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | unexpected end",
        "{ | unexpected end",
        "[] | document is not an object",
        "{\"version\": 1} | missing field",
        "{\"version\": \"1\"} | missing or non-integer \"version\"",
        "{\"version\": 1.0} | only integers",
        "{\"version\": 1, \"version\": 1} | duplicate field",
        "{\"version\": 1} x | trailing characters",
        "{\"version\": 01} | malformed number",
        "{\"version\": 99999999999999999999} | out of range",
        "{\"version\": 1, \"ulid\": \"a\\\"b\"} | escapes",
      })
  void malformedJsonIsRefused(String json, String message) throws IOException {
    Files.writeString(dir.resolve("meta.json"), json);
    assertThatThrownBy(() -> BlockMeta.read(dir))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("meta.json")
        .hasMessageContaining(message);
  }

  @Test
  void invalidFieldsAreRefused() throws IOException {
    String good = MetaJson.write(sample());
    String[][] edits = {
      {"\"numChunks\": 4440437", "\"numChunks\": -1"},
      {"\"maxTime\": 1602244800000", "\"maxTime\": 1602237600000"},
      {"\"level\": 2", "\"level\": 0"},
      {"\"ulid\": \"01ARYZ6S410000000000000000\"", "\"ulid\": \"not-a-ulid\""},
      {"\"level\": 2,", "\"level\": 2, \"extra\": 1,"},
      {"\"sources\": [", "\"sources\": [ 5,"},
      {"\"stats\": {", "\"stats\": 3, \"x\": {"},
    };
    for (String[] e : edits) {
      assertThat(good).contains(e[0]);
      Files.writeString(dir.resolve("meta.json"), good.replace(e[0], e[1]));
      assertThatThrownBy(() -> BlockMeta.read(dir))
          .as(e[1])
          .isInstanceOf(CorruptionException.class)
          .hasMessageContaining("meta.json");
    }
  }

  @Test
  void constructorValidates() {
    BlockMeta.Stats s = new BlockMeta.Stats(1, 1, 1);
    assertThatThrownBy(() -> BlockMeta.level1(ID, 10, 10, s))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlockMeta.Compaction(1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new BlockMeta(ID, 0, 1, s, new BlockMeta.Compaction(1, List.of(ID)), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
