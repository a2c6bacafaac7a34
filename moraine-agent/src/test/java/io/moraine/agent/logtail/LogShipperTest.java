package io.moraine.agent.logtail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.moraine.agent.collector.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogShipperTest {
  private static final long T0 = 1_714_564_800_000_000_000L; // 2024-05-01T12:00:00Z

  @TempDir Path tmp;
  private Path root;
  private Path data;
  private LokiReceiver loki;
  private final LogCounters counters = new LogCounters();
  private final List<LogShipper> shippers = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("pods");
    data = tmp.resolve("data");
    Files.createDirectories(root);
    loki = new LokiReceiver();
  }

  @AfterEach
  void tearDown() {
    shippers.forEach(LogShipper::close);
    loki.close();
  }

  private LogShipperOptions options(int batchMaxBytes, long spoolMaxBytes, boolean fromEnd) {
    return new LogShipperOptions(
        root,
        data,
        loki.url(),
        "node-1",
        "tenant-a",
        batchMaxBytes,
        Duration.ofMillis(20),
        spoolMaxBytes,
        Duration.ofMillis(20),
        Duration.ofMillis(5),
        1024,
        Duration.ofMillis(10),
        Duration.ofMillis(50),
        Duration.ofSeconds(2),
        fromEnd);
  }

  private LogShipper start(LogShipperOptions o) throws IOException {
    LogShipper s = new LogShipper(o, counters);
    shippers.add(s);
    s.start();
    return s;
  }

  private LogShipper start() throws IOException {
    return start(options(1 << 16, 1 << 20, false));
  }

  private Path logFile(String podDir, String container) throws IOException {
    Path dir = root.resolve(podDir).resolve(container);
    Files.createDirectories(dir);
    return dir.resolve("0.log");
  }

  private static String cri(int i, String stream, String tag, String content) {
    return String.format("2024-05-01T12:00:00.%09dZ %s %s %s%n", i, stream, tag, content);
  }

  private static void append(Path f, String text) throws IOException {
    Files.writeString(
        f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void appendLines(Path f, int from, int to) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      b.append(cri(i, "stdout", "F", "line " + i));
    }
    append(f, b.toString());
  }

  private static List<String> expected(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
  }

  private void awaitLines(List<String> lines) {
    await().atMost(Duration.ofSeconds(5)).until(() -> loki.entries.size() >= lines.size());
    assertThat(loki.lines()).containsExactlyElementsOf(lines);
  }

  @Test
  void shipsCriAndDockerLinesJoiningPartialLinesWithLabelsAndTimes() throws IOException {
    Path criFile = logFile("shop_cart-5d9f_0a1b", "app");
    append(
        criFile,
        cri(1, "stdout", "F", "plain")
            + cri(2, "stdout", "P", "join ")
            + cri(3, "stderr", "F", "an error")
            + cri(4, "stdout", "P", "me ")
            + cri(5, "stdout", "F", "please")
            + cri(6, "stdout", "F:x", ""));
    Path dockerFile = logFile("web_front-1_9c8d", "nginx");
    append(
        dockerFile,
        "{\"log\":\"GET / 200\\n\",\"stream\":\"stdout\",\"time\":\"2024-05-01T12:00:01.5Z\"}\n"
            + "{\"log\":\"long \",\"stream\":\"stderr\",\"time\":\"2024-05-01T14:00:02+02:00\"}\n"
            + "{\"log\":\"tail\\n\",\"stream\":\"stderr\",\"time\":\"2024-05-01T12:00:03Z\"}\n"
            + "not a log line\n");
    start();

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(loki.lines()).hasSize(7));
    List<LokiReceiver.Entry> e = loki.entries;
    String cartOut =
        "{container=\"app\", job=\"shop/app\", namespace=\"shop\", node=\"node-1\","
            + " pod=\"cart-5d9f\", stream=\"stdout\"}";
    assertThat(LokiReceiver.find(e, "plain"))
        .isEqualTo(new LokiReceiver.Entry(cartOut, T0 + 1, "plain"));
    assertThat(LokiReceiver.find(e, "join me please"))
        .isEqualTo(new LokiReceiver.Entry(cartOut, T0 + 2, "join me please"));
    assertThat(LokiReceiver.find(e, "")).isEqualTo(new LokiReceiver.Entry(cartOut, T0 + 6, ""));
    assertThat(LokiReceiver.find(e, "an error").labels()).contains("stream=\"stderr\"");
    assertThat(LokiReceiver.find(e, "GET / 200").timeNanos()).isEqualTo(T0 + 1_500_000_000L);
    LokiReceiver.Entry joined = LokiReceiver.find(e, "long tail");
    assertThat(joined.timeNanos()).isEqualTo(T0 + 2_000_000_000L);
    assertThat(joined.labels())
        .isEqualTo(
            "{container=\"nginx\", job=\"web/nginx\", namespace=\"web\", node=\"node-1\","
                + " pod=\"front-1\", stream=\"stderr\"}");
    assertThat(LokiReceiver.find(e, "not a log line").labels()).doesNotContain("stream=");
    assertThat(e).hasSize(7);
    assertThat(loki.tenants).containsOnly("tenant-a");
  }

  @Test
  void rotationLosesAndRepeatsNothing() throws IOException {
    Path f = logFile("ns_pod_u1", "c");
    start();
    appendLines(f, 0, 10);
    awaitLines(expected(0, 10));
    appendLines(f, 10, 15); // written just before the rename: read from the rotated file
    Files.move(f, f.resolveSibling("0.log.20240501-120000"));
    appendLines(f, 15, 20);
    awaitLines(expected(0, 20));
    appendLines(f, 20, 25);
    awaitLines(expected(0, 25));
  }

  @Test
  void truncationStartsAgainAtZero() throws IOException {
    Path f = logFile("ns_pod_u1", "c");
    start();
    appendLines(f, 0, 5);
    awaitLines(expected(0, 5));
    Files.writeString(f, cri(9, "stdout", "F", "after"), StandardOpenOption.TRUNCATE_EXISTING);
    List<String> all = new ArrayList<>(expected(0, 5));
    all.add("after");
    awaitLines(all);
  }

  @Test
  void restartResumesFromSavedPositionsWithoutLossOrRepeat() throws IOException {
    Path f = logFile("ns_pod_u1", "c");
    LogShipper first = start();
    appendLines(f, 0, 5);
    awaitLines(expected(0, 5));
    first.close();
    appendLines(f, 5, 8);
    Path g = logFile("ns_pod2_u2", "c");
    appendLines(g, 100, 102); // appeared while the agent was down: read from the beginning
    start();
    await().atMost(Duration.ofSeconds(5)).until(() -> loki.entries.size() >= 10);
    assertThat(loki.lines().subList(0, 5)).containsExactlyElementsOf(expected(0, 5));
    assertThat(loki.lines().subList(5, 10))
        .containsExactlyInAnyOrder("line 5", "line 6", "line 7", "line 100", "line 101");
    appendLines(f, 8, 9);
    await().atMost(Duration.ofSeconds(5)).until(() -> loki.entries.size() >= 11);
    assertThat(loki.lines()).doesNotHaveDuplicates().hasSize(11);
  }

  @Test
  void firstRunStartsExistingFilesAtTheirEndAndNewFilesAtZero() throws IOException {
    Path old = logFile("ns_old_u1", "c");
    appendLines(old, 0, 3);
    start(options(1 << 16, 1 << 20, true));
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(data.resolve("positions")));
    await().atMost(Duration.ofSeconds(5)).until(() -> filesTailed() == 1);
    appendLines(old, 3, 4);
    awaitLines(expected(3, 4));
    Path fresh = logFile("ns_new_u2", "c");
    appendLines(fresh, 10, 12);
    awaitLines(List.of("line 3", "line 10", "line 11"));
  }

  @Test
  void serverDownFillsTheBoundedSpoolThenEverythingIsDeliveredInOrder() throws IOException {
    loki.down = true;
    Path f = logFile("ns_pod_u1", "c");
    appendLines(f, 0, 300);
    long spoolMax = 4000;
    start(options(500, spoolMax, false));
    await().atMost(Duration.ofSeconds(5)).until(() -> counters.failed("server_error") >= 3);
    long spooled = spoolBytes();
    assertThat(spooled).isPositive().isLessThan(spoolMax + 1000); // at most one batch over
    assertThat(loki.entries).isEmpty();
    loki.down = false;
    awaitLines(expected(0, 300));
    await().atMost(Duration.ofSeconds(5)).until(() -> spoolBytes() == 0);
    assertThat(counters.entriesSent()).isEqualTo(300);
  }

  @Test
  void restartWithAFullSpoolSendsTheSpoolFirstAndReadsOnAfterIt() throws IOException {
    loki.down = true;
    Path f = logFile("ns_pod_u1", "c");
    appendLines(f, 0, 100);
    LogShipper first = start(options(300, 1000, false));
    await().atMost(Duration.ofSeconds(5)).until(() -> spoolBytes() >= 1000);
    first.close();
    appendLines(f, 100, 120);
    loki.down = false;
    start(options(300, 1000, false));
    awaitLines(expected(0, 120));
  }

  @Test
  void badRequestDropsTheBatchAndCountsIt() throws IOException {
    loki.statuses.add(400);
    Path f = logFile("ns_pod_u1", "c");
    appendLines(f, 0, 3);
    start();
    await().atMost(Duration.ofSeconds(5)).until(() -> counters.dropped("rejected") == 3);
    appendLines(f, 3, 5);
    awaitLines(expected(3, 5));
    assertThat(counters.failed("rejected")).isEqualTo(1);
  }

  @Test
  void tooManyRequestsIsRetried() throws IOException {
    loki.statuses.add(429);
    loki.statuses.add(429);
    Path f = logFile("ns_pod_u1", "c");
    appendLines(f, 0, 3);
    start();
    awaitLines(expected(0, 3));
    assertThat(counters.failed("rate_limited")).isEqualTo(2);
    assertThat(loki.requests).isEqualTo(3);
    Recorded r = new Recorded();
    counters.collect(r);
    assertThat(r.value("moraine_agent_logs_entries_sent_total")).isEqualTo(3);
    assertThat(r.value("moraine_agent_logs_bytes_sent_total")).isEqualTo(18);
    assertThat(r.value("moraine_agent_logs_batches_failed_total", "reason", "rate_limited"))
        .isEqualTo(2);
    assertThat(r.value("moraine_agent_logs_files_tailed")).isEqualTo(1);
  }

  private double filesTailed() throws IOException {
    Recorded r = new Recorded();
    counters.collect(r);
    return r.value("moraine_agent_logs_files_tailed");
  }

  private long spoolBytes() throws IOException {
    Path dir = data.resolve("spool");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      long sum = 0;
      for (Path p : (Iterable<Path>) s::iterator) {
        sum += Files.size(p);
      }
      return sum;
    }
  }
}
