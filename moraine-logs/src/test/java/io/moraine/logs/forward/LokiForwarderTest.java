package io.moraine.logs.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LokiForwarderTest {
  private static final Labels APP_A = Labels.of("app", "a");
  private static final Labels APP_B = Labels.of("app", "b", "env", "p\"q\u0001");

  private LokiReceiver loki;
  private ForwardMetrics metrics;
  private final List<LokiForwarder> started = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    loki = new LokiReceiver();
    metrics = new ForwardMetrics(new MetricRegistry());
  }

  @AfterEach
  void tearDown() {
    for (LokiForwarder f : started) {
      f.close(Duration.ofMillis(200));
    }
    loki.close();
    assertThat(loki.errors()).isEmpty();
  }

  static ForwardOptions options(
      URI url,
      @Nullable String tenantId,
      Map<String, String> headers,
      long batchWaitMillis,
      long batchSizeBytes,
      long queueCapacityBytes,
      int maxRetries) {
    return new ForwardOptions(
        url,
        tenantId,
        null,
        null,
        headers,
        batchWaitMillis,
        batchSizeBytes,
        queueCapacityBytes,
        2000,
        maxRetries,
        10,
        1000);
  }

  private ForwardOptions quick() {
    return options(loki.url(), null, Map.of(), 20, 1 << 20, 1 << 20, 5);
  }

  private LokiForwarder start(ForwardOptions o) {
    LokiForwarder f = LokiForwarder.start(o, Clock.SYSTEM, metrics);
    started.add(f);
    return f;
  }

  private ForwardMetrics.Url counters() {
    return metrics.forUrl(loki.url().toString());
  }

  static ForwardEntry entry(String tenant, Labels stream, long tsNanos, String line, Labels meta) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return ForwardEntry.copyOf(tenant, stream, tsNanos, b, 0, b.length, meta);
  }

  private static List<ForwardEntry> lines(String tenant, String prefix, int n, int width) {
    List<ForwardEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String line = String.format("%s%0" + (width - prefix.length()) + "d", prefix, i);
      out.add(entry(tenant, APP_A, 1_000_000_000L + i, line, Labels.EMPTY));
    }
    return out;
  }

  @Test
  void streamsAndEntriesArriveIntactAndGroupedByLabelSet() {
    LokiForwarder f = start(quick());
    f.offer(
        List.of(
            entry("t1", APP_A, 1_500_000_123L, "one", Labels.of("trace_id", "abc", "user", "ünï")),
            entry("t1", APP_B, 1_700_000_000_000_000_000L, "two", Labels.EMPTY),
            entry("t1", APP_A, 2_000_000_000L, "héllo ✓ 🙂", Labels.EMPTY),
            entry("t1", APP_A, 3_000_000_000L, "", Labels.EMPTY)));
    f.close();

    assertThat(loki.requests()).hasSize(1);
    LokiReceiver.Request r = loki.requests().getFirst();
    assertThat(r.streams())
        .containsExactly(
            new PushBodyDecoder.Stream(
                "{app=\"a\"}",
                List.of(
                    new PushBodyDecoder.Entry(
                        1_500_000_123L, "one", Map.of("trace_id", "abc", "user", "ünï")),
                    new PushBodyDecoder.Entry(2_000_000_000L, "héllo ✓ 🙂", Map.of()),
                    new PushBodyDecoder.Entry(3_000_000_000L, "", Map.of()))),
            new PushBodyDecoder.Stream(
                "{app=\"b\", env=\"p\\\"q\\x01\"}",
                List.of(new PushBodyDecoder.Entry(1_700_000_000_000_000_000L, "two", Map.of()))));
    assertThat(r.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.header("User-Agent")).startsWith("moraine/");
    assertThat(r.header("X-Scope-OrgID")).isEqualTo("t1");
    assertThat(r.header("Authorization")).isNull();
    assertThat(counters().sentEntries().get()).isEqualTo(4);
    assertThat(counters().sentBytes().get()).isPositive();
    assertThat(counters().failedRequests().get()).isZero();
    assertThat(counters().queueBytes().get()).isZero();
  }

  @Test
  void batchesPerTenantWithEachTenantsHeaderUnlessOneIsConfigured() {
    LokiForwarder own = start(quick());
    own.offer(
        List.of(
            entry("t1", APP_A, 1, "x", Labels.EMPTY), entry("t2", APP_A, 2, "y", Labels.EMPTY)));
    own.close();
    assertThat(loki.requests())
        .extracting(r -> r.header("X-Scope-OrgID") + "=" + r.lines())
        .containsExactlyInAnyOrder("t1=[x]", "t2=[y]");

    try (LokiReceiver other = new LokiReceiver()) {
      ForwardOptions o = options(other.url(), "fixed", Map.of(), 20, 1 << 20, 1 << 20, 5);
      LokiForwarder fixed = LokiForwarder.start(o, Clock.SYSTEM, metrics);
      fixed.offer(
          List.of(
              entry("t1", APP_A, 1, "x", Labels.EMPTY), entry("t2", APP_A, 2, "y", Labels.EMPTY)));
      fixed.close();
      assertThat(other.requests()).hasSize(1);
      assertThat(other.requests().getFirst().header("X-Scope-OrgID")).isEqualTo("fixed");
      assertThat(other.requests().getFirst().lines()).containsExactly("x", "y");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void sendsBasicAuthAndExtraHeaders() {
    ForwardOptions o =
        new ForwardOptions(
            loki.url(),
            null,
            "user",
            "pa:ss",
            Map.of("X-Extra", "1", "X-Scope-Cluster", "edge"),
            20,
            1 << 20,
            1 << 20,
            2000,
            3,
            10,
            100);
    LokiForwarder f = start(o);
    f.offer(List.of(entry("t", APP_A, 1, "x", Labels.EMPTY)));
    f.close();
    LokiReceiver.Request r = loki.requests().getFirst();
    assertThat(r.header("Authorization")).isEqualTo("Basic dXNlcjpwYTpzcw==");
    assertThat(r.header("X-Extra")).isEqualTo("1");
    assertThat(r.header("X-Scope-Cluster")).isEqualTo("edge");
  }

  @Test
  void aFullBatchGoesOutWithoutWaiting() {
    // 30-byte lines, 100-byte batches: three fit, the fourth starts the next batch.
    LokiForwarder f = start(options(loki.url(), null, Map.of(), 60_000, 100, 1 << 20, 3));
    f.offer(lines("t", "line-", 10, 30));
    await().atMost(Duration.ofSeconds(2)).until(() -> loki.requests().size() == 3);
    assertThat(loki.requests())
        .extracting(LokiReceiver.Request::entryCount)
        .containsExactly(3, 3, 3);
    f.close();
    assertThat(loki.requests())
        .extracting(LokiReceiver.Request::entryCount)
        .containsExactly(3, 3, 3, 1);
    assertThat(loki.acceptedLines()).isEqualTo(linesOf(lines("t", "line-", 10, 30)));
  }

  @Test
  void aPartialBatchGoesOutAfterTheBatchWait() {
    LokiForwarder f = start(options(loki.url(), null, Map.of(), 100, 1 << 20, 1 << 20, 3));
    long t0 = System.nanoTime();
    f.offer(List.of(entry("t", APP_A, 1, "x", Labels.EMPTY)));
    await().atMost(Duration.ofSeconds(2)).until(() -> loki.requests().size() == 1);
    assertThat(loki.requests().getFirst().receivedNanos() - t0).isGreaterThanOrEqualTo(90_000_000L);
  }

  @Test
  void retriesAfter500And429ThenDeliversOnce() {
    loki.reply(500, null);
    loki.reply(429, "1");
    LokiForwarder f = start(quick());
    List<ForwardEntry> batch = lines("t", "r", 5, 10);
    f.offer(batch);
    await().atMost(Duration.ofSeconds(3)).until(() -> counters().sentEntries().get() == 5);

    List<LokiReceiver.Request> rs = loki.requests();
    assertThat(rs).extracting(LokiReceiver.Request::status).containsExactly(500, 429, 204);
    assertThat(rs).allSatisfy(r -> assertThat(r.lines()).isEqualTo(linesOf(batch)));
    assertThat(loki.acceptedLines()).isEqualTo(linesOf(batch));
    // Retry-After: 1 is respected over the 10 ms backoff.
    assertThat(rs.get(2).receivedNanos() - rs.get(1).receivedNanos())
        .isGreaterThanOrEqualTo(900_000_000L);
    assertThat(counters().failedRequests().get()).isEqualTo(2);
    assertThat(counters().droppedRetriesExhausted().get()).isZero();
  }

  @Test
  void a400DropsTheBatchAndCountsIt() {
    loki.reply(400, null);
    LokiForwarder f = start(quick());
    f.offer(lines("t", "bad", 4, 10));
    await().atMost(Duration.ofSeconds(2)).until(() -> counters().droppedRejected().get() == 4);
    f.offer(lines("t", "good", 2, 10));
    f.close();
    assertThat(loki.requests()).extracting(LokiReceiver.Request::status).containsExactly(400, 204);
    assertThat(loki.acceptedLines()).isEqualTo(linesOf(lines("t", "good", 2, 10)));
    assertThat(counters().sentEntries().get()).isEqualTo(2);
  }

  @Test
  void givesUpAfterMaxRetries() {
    for (int i = 0; i < 3; i++) {
      loki.reply(503, null);
    }
    LokiForwarder f = start(options(loki.url(), null, Map.of(), 20, 1 << 20, 1 << 20, 3));
    f.offer(lines("t", "x", 2, 10));
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> counters().droppedRetriesExhausted().get() == 2);
    assertThat(loki.requests()).hasSize(3);
    assertThat(counters().failedRequests().get()).isEqualTo(3);
  }

  @Test
  void aFullQueueDropsTheOldestEntries() throws Exception {
    loki.hold();
    // 10-byte lines, 100 bytes of queue: ten fit.
    LokiForwarder f = start(options(loki.url(), null, Map.of(), 20, 1 << 20, 100, 3));
    f.offer(lines("t", "first", 1, 10));
    assertThat(loki.awaitFirst()).isTrue(); // the sender is now inside its push
    List<ForwardEntry> more = lines("t", "q", 15, 10);
    for (ForwardEntry e : more) {
      f.offer(List.of(e));
    }
    assertThat(counters().droppedQueueFull().get()).isEqualTo(5);
    assertThat(counters().queueBytes().get()).isEqualTo(100);
    loki.release();
    f.close();
    assertThat(loki.acceptedLines())
        .isEqualTo(linesOf(concat(lines("t", "first", 1, 10), more.subList(5, 15))));
  }

  @Test
  void closeFlushesPendingBatchesAndLaterOffersAreCounted() {
    LokiForwarder f = start(options(loki.url(), null, Map.of(), 60_000, 1 << 20, 1 << 20, 3));
    f.offer(lines("t", "a", 3, 10));
    f.offer(List.of(entry("u", APP_B, 5, "other tenant", Labels.EMPTY)));
    long t0 = System.nanoTime();
    f.close();
    assertThat(System.nanoTime() - t0).isLessThan(1_000_000_000L);
    assertThat(f.stopped()).isTrue();
    assertThat(loki.acceptedLines())
        .containsExactlyInAnyOrder("a000000000", "a000000001", "a000000002", "other tenant");
    f.offer(lines("t", "late", 2, 10));
    assertThat(counters().droppedShutdown().get()).isEqualTo(2);
  }

  @Test
  void closeGivesUpAtItsDeadline() {
    for (int i = 0; i < 10; i++) {
      loki.reply(500, "1");
    }
    LokiForwarder f = start(options(loki.url(), null, Map.of(), 20, 1 << 20, 1 << 20, 10));
    f.offer(lines("t", "a", 3, 10));
    await().atMost(Duration.ofSeconds(2)).until(() -> counters().failedRequests().get() >= 1);
    long t0 = System.nanoTime();
    f.close(Duration.ofMillis(100));
    assertThat(System.nanoTime() - t0).isLessThan(1_000_000_000L);
    assertThat(f.stopped()).isTrue();
    assertThat(counters().droppedShutdown().get()).isEqualTo(3);
  }

  @Test
  void backoffDoublesUpToItsCap() {
    ForwardOptions o =
        new ForwardOptions(loki.url(), null, null, null, Map.of(), 1, 1, 1, 1, 10, 500, 3000);
    try (PushClient c = new PushClient(o, Clock.SYSTEM, counters())) {
      assertThat(
              new long[] {
                c.backoffMillis(1),
                c.backoffMillis(2),
                c.backoffMillis(3),
                c.backoffMillis(4),
                c.backoffMillis(40)
              })
          .containsExactly(500, 1000, 2000, 3000, 3000);
    }
  }

  @Test
  void badOptionsAreRefusedByName() {
    assertThatThrownBy(() -> ForwardOptions.of(URI.create("ftp://x/push")))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> options(loki.url(), null, Map.of(), 0, 1, 1, 1))
        .hasMessageContaining("batch_wait must be positive");
    assertThatThrownBy(() -> start(options(loki.url(), null, Map.of("Host", "x"), 1, 1, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header Host");
    assertThat(ForwardOptions.of(loki.url()).batchSizeBytes()).isEqualTo(1 << 20);
  }

  static List<String> linesOf(List<ForwardEntry> entries) {
    List<String> out = new ArrayList<>();
    for (ForwardEntry e : entries) {
      out.add(new String(e.line(), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<ForwardEntry> concat(List<ForwardEntry> a, List<ForwardEntry> b) {
    List<ForwardEntry> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
