package io.moraine.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogReadStats;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block skipping by token filter, lines-not-needed reads, metrics and format checks. */
class LogStoreReadTest {
  private static final long T0 = 1_704_067_200_000_000_000L;
  @TempDir Path dir;

  private LogStore open(MetricRegistry r) {
    return LogStore.open(
        dir,
        LogStoreOptions.DEFAULT.withoutBackground().withBlockSizeBytes(4096).withRegistry(r),
        new ManualClock(1_704_067_200_000L));
  }

  private static void fill(LogStore s) {
    Random rnd = new Random(1);
    LogAppender a = s.appender("t");
    for (int i = 0; i < 5000; i++) {
      String extra = i == 4321 ? " needle-xyzzy-42" : "";
      a.append(
          Labels.of("app", "a"),
          T0 + i,
          "GET /api/items/"
              + rnd.nextInt(1000)
              + " status=200 took="
              + rnd.nextInt(90)
              + "ms"
              + extra,
          Labels.EMPTY);
    }
    a.commit();
  }

  private static int count(LogStore s, LogSelectHints h, String needle) {
    int n = 0;
    try (LogQuerier q = s.querier("t", Long.MIN_VALUE, Long.MAX_VALUE)) {
      LogStreamSet set = q.select(List.of(Matcher.eq("app", "a")), h);
      while (set.next()) {
        LogCursor c = set.cursor();
        while (c.next()) {
          if (!h.linesNeeded()
              || new String(c.lineBytes(), c.lineOffset(), c.lineLength(), StandardCharsets.UTF_8)
                  .contains(needle)) {
            n++;
          }
        }
      }
    }
    return n;
  }

  @Test
  void requiredSubstringsSkipBlocksWithoutLosingMatches() {
    try (LogStore s = open(new MetricRegistry())) {
      fill(s);
      s.flushAll();
      for (String needle : List.of("xyzzy", "needle-xyzzy-4", "eedle-x", "yzzy-42")) {
        LogSelectHints h =
            new LogSelectHints(Direction.BACKWARD, List.of(needle), true, new LogReadStats());
        assertThat(count(s, h, needle)).as(needle).isEqualTo(1);
        assertThat(h.stats().blocksSkipped).as(needle).isPositive();
      }
      // no run of 4 token bytes: the filter cannot judge, nothing is skipped, the match is found
      LogSelectHints h =
          new LogSelectHints(Direction.FORWARD, List.of("dle-xy"), true, new LogReadStats());
      assertThat(count(s, h, "dle-xy")).isEqualTo(1);
      assertThat(h.stats().blocksSkipped).isZero();
      LogSelectHints noLines =
          new LogSelectHints(Direction.FORWARD, List.of(), false, new LogReadStats());
      assertThat(count(s, noLines, "")).isEqualTo(5000);
      assertThat(noLines.stats().decompressedBytes).isZero();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void metricsAreRegisteredAndCounted() throws IOException {
    MetricRegistry r = new MetricRegistry();
    try (LogStore s = open(r)) {
      fill(s);
      LogAppender a = s.appender("t");
      assertThatThrownBy(
              () -> a.append(Labels.of("app", "a"), T0 - 7_200_000_000_000L, "old", Labels.EMPTY))
          .hasMessageStartingWith(
              "entry for stream '{app=\"a\"}' has timestamp too old: 2023-12-31T22:00:00Z, oldest"
                  + " acceptable timestamp is: 2023-12-31T23:00:00Z");
      assertThat(s.discards().samples("too_far_behind")).isEqualTo(1);
      assertThat(s.discards().bytes("too_far_behind")).isEqualTo(3);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      io.moraine.core.exposition.TextWriter w = new io.moraine.core.exposition.TextWriter(bytes);
      r.writeTo(w);
      w.flush();
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .contains(
              "moraine_logs_streams 1",
              "moraine_logs_entries_appended_total 5000",
              "moraine_logs_discarded_samples_total{reason=\"too_far_behind\"} 1",
              "moraine_logs_wal_corruptions_total 0",
              "moraine_logs_head_bytes",
              "moraine_logs_segments 0",
              "moraine_logs_bytes_on_disk");
    }
  }

  @Test
  void headBytesReturnToZeroOnceEverythingIsFlushed() throws IOException {
    MetricRegistry r = new MetricRegistry();
    try (LogStore s = open(r)) {
      fill(s);
      assertThat(metrics(r)).doesNotContain("moraine_logs_head_bytes 0\n");
      s.flushAll();
      assertThat(metrics(r)).contains("moraine_logs_head_bytes 0\n");
    }
  }

  private static String metrics(MetricRegistry r) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    io.moraine.core.exposition.TextWriter w = new io.moraine.core.exposition.TextWriter(bytes);
    r.writeTo(w);
    w.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void replayDoesNotAddAgainWhatIsAlreadyInSegments() throws IOException {
    try (LogStore s = open(new MetricRegistry())) {
      fill(s);
      LogAppender a = s.appender("t");
      a.append(Labels.of("app", "pinned"), T0, "keeps the WAL segment alive", Labels.EMPTY);
      a.commit();
      s.flush();
      try (LogQuerier q = s.querier("t", Long.MIN_VALUE, Long.MAX_VALUE)) {
        assertThat(q.stats(List.of(Matcher.eq("app", "a"))).entries()).isEqualTo(5000);
      }
    }
    try (LogStore s = open(new MetricRegistry())) {
      LogSelectHints noLines =
          new LogSelectHints(Direction.FORWARD, List.of(), false, new LogReadStats());
      assertThat(count(s, noLines, "")).isEqualTo(5000);
      try (LogQuerier q = s.querier("t", Long.MIN_VALUE, Long.MAX_VALUE)) {
        assertThat(q.stats(List.of(Matcher.eq("app", "a"))).entries()).isEqualTo(5000);
        assertThat(q.stats(List.of(Matcher.eq("app", "pinned"))).entries()).isEqualTo(1);
      }
    }
  }

  @Test
  void aSegmentOfAnUnknownVersionIsRefused() throws IOException {
    try (LogStore s = open(new MetricRegistry())) {
      fill(s);
      s.flushAll();
    }
    Path seg;
    try (var f = Files.walk(dir)) {
      seg = f.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {9}), 4);
    }
    assertThatThrownBy(() -> open(new MetricRegistry()))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported logs segment version 9 (this build reads up to 1)");
  }
}
