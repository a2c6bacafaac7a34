package io.moraine.logs.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogPusherTest {
  private static final long NOW_MILLIS = 1_700_000_000_000L;
  private static final long NOW = NOW_MILLIS * 1_000_000L;

  private final ManualClock clock = new ManualClock(NOW_MILLIS);
  private final RecordingLogAppendable store = new RecordingLogAppendable();
  private final PushMetrics metrics = PushMetrics.register(new MetricRegistry());

  private LogPusher pusher(IngestLimits limits) {
    return new LogPusher(store, t -> limits, clock, metrics);
  }

  private static PushBatch batch(PushStream... streams) {
    return new PushBatch(new byte[0], java.util.List.of(streams));
  }

  /** A stream whose lines live in their own batch data; see {@link #withLines}. */
  private static PushBatch withLines(String labels, long[] ts, String... lines) {
    ByteArena arena = new ByteArena(64);
    PushStream s = PushStream.ofText(labels);
    for (int i = 0; i < lines.length; i++) {
      byte[] b = lines[i].getBytes(StandardCharsets.UTF_8);
      s.add(ts[i], arena.append(b, 0, b.length), b.length, Labels.EMPTY);
    }
    return new PushBatch(arena.array(), java.util.List.of(s));
  }

  private long discarded(String reason) {
    return metrics.discardedSamples().labels(reason).get();
  }

  @Test
  void storesValidEntriesSortedLabelsEmptyValuesDropped() {
    PushOutcome o =
        pusher(IngestLimits.DEFAULT)
            .push(
                "t1",
                withLines("{job=\"a\", env=\"\", app=\"x\"}", new long[] {NOW, NOW}, "l1", "l2"));
    assertThat(o).isEqualTo(new PushOutcome(2, 0, null));
    assertThat(store.committed).hasSize(2);
    assertThat(store.committed.getFirst().stream()).isEqualTo(Labels.of("app", "x", "job", "a"));
    assertThat(store.committed.getFirst().tenant()).isEqualTo("t1");
    assertThat(store.committed.get(1).line()).isEqualTo("l2");
  }

  @Test
  void refusesEachReasonWithLokisMessageAndCountsIt() {
    IngestLimits lim =
        new IngestLimits(
            4 << 20, 6 << 20, 5, false, 2, 4, 6, true, 3_600_000_000_000L, 600_000_000_000L, false);
    LogPusher p = pusher(lim);
    long old = NOW - 7_200_000_000_000L;
    long future = NOW + 3_600_000_000_000L;
    PushOutcome o =
        p.push(
            "t",
            withLines("{a=\"1\"}", new long[] {old, future, NOW, NOW}, "x", "y", "toolong", "ok"));
    assertThat(o.accepted()).isEqualTo(1);
    assertThat(o.rejected()).isEqualTo(3);
    assertThat(o.errors())
        .isEqualTo(
            "1 errors like: entry for stream '{a=\"1\"}' has timestamp too old: 2023-11-14T20:13:20Z,"
                + " oldest acceptable timestamp is: 2023-11-14T21:13:20Z; "
                + "1 errors like: entry for stream '{a=\"1\"}' has timestamp too new:"
                + " 2023-11-14T23:13:20Z; "
                + "1 errors like: Max entry size '5' bytes exceeded for stream '{a=\"1\"}' while"
                + " adding an entry with length '7' bytes");
    assertThat(discarded("greater_than_max_sample_age")).isEqualTo(1);
    assertThat(discarded("too_far_in_future")).isEqualTo(1);
    assertThat(discarded("line_too_long")).isEqualTo(1);
    assertThat(metrics.discardedBytes().labels("line_too_long").get()).isEqualTo(7);

    long[] one = {NOW};
    assertThat(p.push("t", withLines("{a=\"1\", b=\"2\", c=\"3\"}", one, "x")).errors())
        .isEqualTo("entry for stream '{a=\"1\", b=\"2\", c=\"3\"}' has 3 label names; limit 2");
    assertThat(p.push("t", withLines("{abcde=\"1\"}", one, "x")).errors())
        .isEqualTo("stream '{abcde=\"1\"}' has label name too long: 'abcde'");
    assertThat(p.push("t", withLines("{a=\"1234567\"}", one, "x")).errors())
        .isEqualTo("stream '{a=\"1234567\"}' has label value too long: '1234567'");
    assertThat(p.push("t", withLines("{a=\"1\", a=\"2\"}", one, "x")).errors())
        .isEqualTo("stream '{a=\"1\", a=\"2\"}' has duplicate label name: 'a'");
    assertThat(p.push("t", withLines("{a=}", one, "x")).errors())
        .isEqualTo(
            "Error parsing labels '{a=}' with error: 1:4: parse error: unexpected character \"}\""
                + " in label matching, expected string");
    assertThat(p.push("t", withLines("{}", one, "x")).errors())
        .isEqualTo("error at least one label pair is required per stream");
    PushStream meta = PushStream.ofPairs(new String[] {"a", "1"});
    meta.add(NOW, 0, 0, Labels.of("k", "v"));
    assertThat(p.push("t", batch(meta)).errors())
        .startsWith(
            "stream '{a=\"1\"}' includes structured metadata, but this feature is disallowed.");
    for (String r :
        new String[] {
          "max_label_names_per_series", "label_name_too_long", "label_value_too_long",
          "duplicate_label_names", "invalid_labels", "missing_labels",
          "disallowed_structured_metadata"
        }) {
      assertThat(discarded(r)).as(r).isEqualTo(1);
    }
    assertThat(metrics.discardedSamples().labels("rate_limited").get()).isZero();
  }

  @Test
  void groupsRepeatedMessagesAndCollectsStoreRefusals() {
    store.refuse = line -> line.startsWith("late");
    PushOutcome o =
        pusher(IngestLimits.DEFAULT)
            .push("t", withLines("{a=\"1\"}", new long[] {NOW, NOW, NOW}, "late1", "ok", "late1"));
    assertThat(o.accepted()).isEqualTo(1);
    assertThat(o.errors()).isEqualTo("2 errors like: entry too far behind: late1");
  }

  @Test
  void rateLimitRefusesWholeRequestsUntilTokensRefill() {
    IngestLimits lim =
        new IngestLimits(
            10, 20, 0, false, 30, 1024, 2048, true, Long.MAX_VALUE / 4, 600_000_000_000L, true);
    LogPusher p = pusher(lim);
    long[] ts = {NOW, NOW};
    assertThat(p.push("t", withLines("{a=\"1\"}", ts, "0123456789", "012345")).ok()).isTrue();
    assertThatThrownBy(() -> p.push("t", withLines("{a=\"1\"}", ts, "0123", "5678")))
        .isInstanceOf(IngestionRateLimitedException.class)
        .hasMessage(
            "Ingestion rate limit exceeded for user t (limit: 10 bytes/sec) while attempting to"
                + " ingest '2' lines totaling '8' bytes, reduce log volume or contact your Loki"
                + " administrator to see if the limit can be increased");
    assertThat(discarded("rate_limited")).isEqualTo(2);
    assertThat(metrics.discardedBytes().labels("rate_limited").get()).isEqualTo(8);
    // another tenant has its own bucket
    assertThat(p.push("u", withLines("{a=\"1\"}", ts, "0123", "5678")).ok()).isTrue();
    clock.advanceMillis(1000); // 4 + 10 tokens
    assertThat(p.push("t", withLines("{a=\"1\"}", ts, "0123", "5678")).ok()).isTrue();
    assertThatThrownBy(() -> p.push("t", withLines("{a=\"1\"}", new long[] {NOW}, "x".repeat(21))))
        .isInstanceOf(IngestionRateLimitedException.class);
    assertThat(store.committed).hasSize(6);
  }
}
