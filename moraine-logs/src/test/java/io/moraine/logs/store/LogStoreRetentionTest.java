package io.moraine.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreRetentionTest {
  private static final long DAY_MS = 86_400_000L;
  private static final long START_MS = 1_704_067_200_000L;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(START_MS);

  private LogStore open(Duration retention, long bytes, List<RetentionRule> rules) {
    return LogStore.open(
        dir,
        LogStoreOptions.DEFAULT
            .withoutBackground()
            .withRetention(retention, bytes, rules)
            .withRegistry(new MetricRegistry()),
        clock);
  }

  private static void write(LogStore s, Labels stream, long ms, String line) {
    LogAppender a = s.appender("t");
    a.append(stream, ms * 1_000_000L, line, Labels.EMPTY);
    a.commit();
  }

  private static List<String> read(LogStore s) {
    return LogStoreDifferentialTest.read(
        s,
        "t",
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        List.of(Matcher.re("app", ".+")),
        Direction.FORWARD);
  }

  private long segmentFiles() throws IOException {
    try (var f = Files.walk(dir)) {
      return f.filter(p -> p.toString().endsWith(".seg")).count();
    }
  }

  @Test
  void timeAndPerStreamRulesDropExpiredBlocksAndRewriteMixedSegments() throws IOException {
    List<RetentionRule> rules =
        List.of(new RetentionRule(List.of(Matcher.eq("namespace", "dev")), Duration.ofDays(1), 1));
    try (LogStore s = open(Duration.ofDays(31), 0, rules)) {
      Labels dev = Labels.of("app", "a", "namespace", "dev");
      Labels prod = Labels.of("app", "a", "namespace", "prod");
      write(s, dev, START_MS, "dev old");
      write(s, prod, START_MS, "prod old");
      s.flushAll();
      clock.setMillis(START_MS + 2 * DAY_MS);
      write(s, dev, START_MS + 2 * DAY_MS, "dev new");
      s.flushAll();
      assertThat(segmentFiles()).isEqualTo(2);
      s.enforceRetention();
      assertThat(read(s))
          .extracting(l -> l.substring(l.lastIndexOf('}', l.length() - 3) + 1))
          .hasSize(2);
      assertThat(String.join("\n", read(s)))
          .contains("prod old", "dev new")
          .doesNotContain("dev old");
      assertThat(segmentFiles()).as("mixed segment rewritten, not dropped").isEqualTo(2);
      clock.setMillis(START_MS + 40 * DAY_MS);
      s.enforceRetention();
      assertThat(read(s)).isEmpty();
      assertThat(segmentFiles()).isZero();
    }
  }

  @Test
  void sizeRetentionDropsOldestSegmentsButNotUnderAReader() throws IOException {
    try (LogStore s = open(Duration.ZERO, 1, List.of())) {
      Labels l = Labels.of("app", "a");
      write(s, l, START_MS, "first");
      s.flushAll();
      write(s, l, START_MS + 1000, "second");
      LogQuerier pinned = s.querier("t", Long.MIN_VALUE, Long.MAX_VALUE);
      s.flushAll();
      s.enforceRetention();
      assertThat(read(s)).isEmpty();
      assertThat(segmentFiles()).as("the first segment stays while a querier pins it").isEqualTo(1);
      LogStreamSet set =
          pinned.select(List.of(Matcher.eq("app", "a")), LogSelectHints.all(Direction.FORWARD));
      assertThat(set.next()).isTrue();
      var c = set.cursor();
      assertThat(c.next()).isTrue();
      assertThat(c.lineLength()).isEqualTo(5);
      pinned.close();
      assertThat(segmentFiles()).isZero();
    }
  }
}
