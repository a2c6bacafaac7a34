package io.moraine.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.ingest.relabel.RelabelAction;
import io.moraine.ingest.relabel.RelabelConfig;
import io.moraine.ingest.relabel.Relabeler;
import io.moraine.testkit.storage.RecordingAppendable;
import io.moraine.testkit.storage.ReferenceStorage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender against an in-process HTTP receiver that decodes requests with {@link
 * RemoteWriteReceiver} and answers with a scripted status per request.
 */
class RemoteWriteSenderTest {
  @TempDir Path dir;

  private final RecordingAppendable received = new RecordingAppendable();
  private final RemoteWriteReceiver receiver =
      new RemoteWriteReceiver(RemoteWriteOptions.DEFAULT, new MetricRegistry());
  private final AtomicInteger requests = new AtomicInteger();
  private final ConcurrentLinkedQueue<Map<String, String>> headers = new ConcurrentLinkedQueue<>();
  private volatile IntUnaryOperator status = n -> 204;
  private HttpServer server;
  private final List<RemoteWrite> started = new ArrayList<>();

  RemoteWriteSenderTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/write",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          int n = requests.getAndIncrement();
          int code = status.applyAsInt(n);
          Map<String, String> h = new HashMap<>();
          ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.getFirst()));
          headers.add(h);
          if (code == 204) {
            receiver.write(body, 0, body.length, received);
          }
          if (code == 429) {
            ex.getResponseHeaders().add("Retry-After", "0");
          }
          byte[] msg = code == 204 ? new byte[0] : ("no: " + code + "\n").getBytes();
          ex.sendResponseHeaders(code, code == 204 ? -1 : msg.length);
          ex.getResponseBody().write(msg);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    started.forEach(r -> r.close(Duration.ofSeconds(1)));
    server.stop(0);
  }

  private RemoteWriteTarget target(QueueConfig q, Relabeler relabel, Labels external) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/write");
    return new RemoteWriteTarget(
        "test", url, Duration.ofSeconds(5), Map.of("X-Scope", "t1"), relabel, external, q, null);
  }

  private static QueueConfig queue(boolean retry429) {
    return new QueueConfig(
        200,
        2,
        4,
        50,
        Duration.ofMillis(50),
        Duration.ofMillis(5),
        Duration.ofMillis(40),
        retry429,
        1 << 24);
  }

  private RemoteWrite start(RemoteWriteTarget t) {
    RemoteWrite rw =
        RemoteWrite.start(List.of(t), dir, "Moraine/test", new MetricRegistry(), Clock.SYSTEM);
    started.add(rw);
    return rw;
  }

  /** 10 series x {@code perSeries} samples, committed 25 at a time through {@code store}. */
  private static void ingest(Storage store, long t0, int perSeries) {
    Appender a = store.appender();
    int n = 0;
    for (int k = 0; k < perSeries; k++) {
      for (int s = 0; s < 10; s++) {
        double v = k == perSeries - 1 && s == 0 ? StaleNaN.VALUE : k * 10 + s;
        a.append(Labels.of("__name__", "m", "s", "s" + s), t0 + k * 1000L, v);
        if (++n % 25 == 0) {
          a.commit();
          a = store.appender();
        }
      }
    }
    a.commit();
  }

  private static void assertAllArrivedInOrder(
      List<RecordingAppendable.Sample> got, long t0, int perSeries, Labels extra) {
    Map<Labels, List<RecordingAppendable.Sample>> bySeries = new HashMap<>();
    for (RecordingAppendable.Sample s : got) {
      bySeries.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(s);
    }
    assertThat(bySeries).hasSize(10);
    for (int s = 0; s < 10; s++) {
      Labels l = withExtra("s" + s, extra);
      List<RecordingAppendable.Sample> series = bySeries.getOrDefault(l, List.of());
      assertThat(series).as("series %s", l).hasSize(perSeries);
      for (int k = 0; k < perSeries; k++) {
        assertThat(series.get(k).t()).isEqualTo(t0 + k * 1000L);
        double want = k == perSeries - 1 && s == 0 ? StaleNaN.VALUE : k * 10 + s;
        assertThat(Double.doubleToRawLongBits(series.get(k).v()))
            .isEqualTo(Double.doubleToRawLongBits(want));
      }
    }
  }

  private static Labels withExtra(String s, Labels extra) {
    Labels.Builder b = Labels.of("__name__", "m", "s", s).toBuilder();
    for (int i = 0; i < extra.size(); i++) {
      b.add(extra.name(i), extra.value(i));
    }
    return b.build();
  }

  @Test
  void retriesServerErrorsAndLosesNothingInSeriesOrder() {
    status = n -> n < 3 ? 503 : 204;
    Labels external = Labels.of("site", "edge-1");
    RemoteWrite rw = start(target(queue(false), Relabeler.none(), external));
    Storage store = rw.tee(new ReferenceStorage());
    ingest(store, 1_000_000, 40);
    await().atMost(Duration.ofSeconds(20)).until(() -> received.samples().size() >= 400);
    assertAllArrivedInOrder(received.samples(), 1_000_000, 40, external);
    RemoteStorageMetrics.Children m = rw.senders().getFirst().metrics();
    assertThat(m.retried.get()).isPositive();
    assertThat(m.samples.get()).isEqualTo(400);
    assertThat(m.failed.get()).isZero();
    assertThat(m.highestSent.get()).isEqualTo((1_000_000 + 39_000) / 1000.0);
    Map<String, String> h = headers.peek();
    assertThat(h)
        .containsEntry("content-encoding", "snappy")
        .containsEntry("content-type", "application/x-protobuf")
        .containsEntry("x-prometheus-remote-write-version", "0.1.0")
        .containsEntry("user-agent", "Moraine/test")
        .containsEntry("x-scope", "t1");
  }

  @Test
  void badRequestsAreDroppedAndCountedAndAcknowledged() throws Exception {
    status = n -> 400;
    RemoteWrite rw = start(target(queue(false), Relabeler.none(), Labels.EMPTY));
    ingest(rw.tee(new ReferenceStorage()), 0, 5);
    RemoteStorageMetrics.Children m = rw.senders().getFirst().metrics();
    await().atMost(Duration.ofSeconds(10)).until(() -> m.failed.get() == 50);
    assertThat(m.retried.get()).isZero();
    assertThat(m.samples.get()).isZero();
    rw.close(Duration.ofSeconds(2));
    started.clear();
    // nothing is left to resend
    status = n -> 204;
    int before = requests.get();
    RemoteWrite again = start(target(queue(false), Relabeler.none(), Labels.EMPTY));
    Thread.sleep(300);
    assertThat(requests.get()).isEqualTo(before);
    assertThat(again.senders().getFirst().metrics().samples.get()).isZero();
  }

  @Test
  void tooManyRequestsIsDroppedUnlessRetryOnHttp429() {
    status = n -> n == 0 ? 429 : 204;
    RemoteWrite rw = start(target(queue(false), Relabeler.none(), Labels.EMPTY));
    ingest(rw.tee(new ReferenceStorage()), 0, 5);
    RemoteStorageMetrics.Children m = rw.senders().getFirst().metrics();
    await().atMost(Duration.ofSeconds(10)).until(() -> m.failed.get() + m.samples.get() == 50);
    assertThat(m.failed.get()).isPositive();
    assertThat(m.retried.get()).isZero();
  }

  @Test
  void tooManyRequestsIsRetriedWithRetryOnHttp429() {
    status = n -> n == 0 ? 429 : 204;
    RemoteWrite rw = start(target(queue(true), Relabeler.none(), Labels.EMPTY));
    ingest(rw.tee(new ReferenceStorage()), 0, 5);
    await().atMost(Duration.ofSeconds(10)).until(() -> received.samples().size() >= 50);
    assertAllArrivedInOrder(received.samples(), 0, 5, Labels.EMPTY);
    RemoteStorageMetrics.Children m = rw.senders().getFirst().metrics();
    assertThat(m.retried.get()).isPositive();
    assertThat(m.failed.get()).isZero();
  }

  @Test
  void writeRelabelDropsAreCountedAndExternalLabelsDoNotOverrideTheSeries() {
    Relabeler dropS3 =
        Relabeler.of(
            List.of(
                RelabelConfig.builder()
                    .sourceLabels("s")
                    .regex("s3")
                    .action(RelabelAction.DROP)
                    .build()));
    RemoteWrite rw = start(target(queue(false), dropS3, Labels.of("s", "ext", "z", "1")));
    ingest(rw.tee(new ReferenceStorage()), 0, 4);
    RemoteStorageMetrics.Children m = rw.senders().getFirst().metrics();
    await().atMost(Duration.ofSeconds(10)).until(() -> m.samples.get() == 36);
    assertThat(m.dropped.get()).isEqualTo(4);
    assertThat(received.samples())
        .allSatisfy(s -> assertThat(s.labels().get("z")).isEqualTo("1"))
        .noneSatisfy(s -> assertThat(s.labels().get("s")).isIn("s3", "ext"));
  }

  @Test
  void samplesQueuedWhileTheRemoteIsDownArriveAfterARestart() {
    status = n -> 500;
    RemoteWrite rw = start(target(queue(false), Relabeler.none(), Labels.EMPTY));
    ingest(rw.tee(new ReferenceStorage()), 5_000, 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() > 2);
    rw.close(Duration.ofMillis(200));
    started.clear();
    assertThat(received.samples()).isEmpty();
    status = n -> 204;
    start(target(queue(false), Relabeler.none(), Labels.EMPTY));
    await().atMost(Duration.ofSeconds(10)).until(() -> received.samples().size() >= 60);
    assertAllArrivedInOrder(received.samples(), 5_000, 6, Labels.EMPTY);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    java.time.Clock at =
        java.time.Clock.fixed(
            java.time.Instant.parse("2015-10-21T07:28:00Z"), java.time.ZoneOffset.UTC);
    assertThat(RemoteClient.retryAfterNanos("3", at)).isEqualTo(3_000_000_000L);
    assertThat(RemoteClient.retryAfterNanos("Wed, 21 Oct 2015 07:28:10 GMT", at))
        .isEqualTo(10_000_000_000L);
    assertThat(RemoteClient.retryAfterNanos("soon", at)).isZero();
    assertThat(RemoteClient.retryAfterNanos("", at)).isZero();
  }

  @Test
  void applyKeepsUnchangedRemotesRestartsChangedOnesOnTheirQueueAndStopsRemovedOnes() {
    RemoteWrite rw =
        RemoteWrite.start(List.of(), dir, "Moraine/test", new MetricRegistry(), Clock.SYSTEM);
    started.add(rw);
    Storage store = rw.tee(new ReferenceStorage());
    ingest(store, 0, 1); // no remote yet: nothing is sent
    assertThat(rw.senders()).isEmpty();

    RemoteWriteTarget t = target(queue(false), Relabeler.none(), Labels.EMPTY);
    rw.apply(List.of(t), Set.of());
    ingest(store, 1_000_000, 4);
    await().atMost(Duration.ofSeconds(20)).until(() -> received.samples().size() >= 40);
    RemoteWriteSender first = rw.senders().getFirst();
    rw.apply(List.of(t), Set.of("test"));
    assertThat(rw.senders()).containsExactly(first);

    // the remote fails; its settings change: the new sender sends what the old one had queued
    status = n -> 503;
    ingest(store, 2_000_000, 4);
    RemoteWriteTarget changed = target(queue(true), Relabeler.none(), Labels.of("r", "2"));
    rw.apply(List.of(changed), Set.of());
    assertThat(rw.senders()).hasSize(1).doesNotContain(first);
    status = n -> 204;
    ingest(store, 3_000_000, 4);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                received.samples().stream()
                        .filter(x -> x.t() >= 2_000_000 && x.t() < 4_000_000)
                        .map(x -> x.t() + "/" + x.labels().get("s"))
                        .distinct()
                        .count()
                    == 80);
    assertThat(received.samples())
        .filteredOn(x -> x.t() >= 3_000_000)
        .allMatch(x -> "2".equals(x.labels().get("r")));

    // removed: nothing more arrives
    rw.apply(List.of(), Set.of());
    assertThat(rw.senders()).isEmpty();
    int before = received.samples().size();
    ingest(store, 5_000_000, 4);
    await().during(Duration.ofMillis(300)).until(() -> received.samples().size() == before);
  }
}
