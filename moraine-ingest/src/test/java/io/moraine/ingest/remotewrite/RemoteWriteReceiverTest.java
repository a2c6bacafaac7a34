package io.moraine.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.exposition.TextWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.testkit.storage.RecordingAppendable;
import io.moraine.testkit.storage.ReferenceStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteReceiverTest {
  private final MetricRegistry registry = new MetricRegistry();
  private final RemoteWriteReceiver receiver =
      new RemoteWriteReceiver(RemoteWriteOptions.DEFAULT, registry);
  private final ReferenceStorage store = new ReferenceStorage();

  private WriteResult write(Proto request) {
    byte[] body = request.snappy();
    return receiver.write(body, 0, body.length, store);
  }

  /** The committed samples of every series, as "labels t=v" lines. */
  private List<String> stored() {
    List<String> out = new ArrayList<>();
    try (Querier q = store.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.re("__name__", ".+"));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next()) {
          out.add(set.at().labels() + " " + it.atT() + "=" + it.atV());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private String metrics() throws IOException {
    var bytes = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(bytes);
    registry.writeTo(w);
    w.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aGoodRequestIsStoredAndQueryable() throws IOException {
    Proto req =
        Proto.of()
            .series(1.5, 1000, "__name__", "up", "job", "a", "instance", "x:1")
            .message(
                1,
                Proto.of()
                    .label("__name__", "req_total")
                    .label("code", "200")
                    .sample(1, 1000)
                    .sample(2, 2000)
                    .sample(Double.POSITIVE_INFINITY, 3000));
    WriteResult r = write(req);
    assertThat(r).isEqualTo(new WriteResult(2, 4, 0));
    assertThat(stored())
        .containsExactly(
            "req_total{code=\"200\"} 1000=1.0",
            "req_total{code=\"200\"} 2000=2.0",
            "req_total{code=\"200\"} 3000=Infinity",
            "up{instance=\"x:1\", job=\"a\"} 1000=1.5");
    assertThat(metrics()).contains("moraine_remote_write_received_samples_total 4\n");
  }

  @Test
  void aRequestLargerThanThePooledBufferThenASmallerOneAreBothStoredWhole() {
    Proto big = Proto.of();
    for (int i = 0; i < 5_000; i++) {
      big.series(i, 1000, "__name__", "big", "i", Integer.toString(i), "pad", "x".repeat(20));
    }
    assertThat(big.toBytes().length).isGreaterThan(128 << 10);
    assertThat(write(big)).isEqualTo(new WriteResult(5_000, 5_000, 0));
    assertThat(
            write(Proto.of().series(1, 2000, "__name__", "big", "i", "7", "pad", "x".repeat(20))))
        .isEqualTo(new WriteResult(1, 1, 0));
    assertThat(stored())
        .hasSize(5_001)
        .contains("big{i=\"7\", pad=\"xxxxxxxxxxxxxxxxxxxx\"} 2000=1.0");
  }

  @Test
  void labelsAreSortedAndEmptyValuesDroppedAsPrometheusDoes() {
    write(Proto.of().series(1, 1000, "z", "1", "__name__", "m", "a", "2", "empty", ""));
    try (Querier q = store.querier(0, 5000)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq("__name__", "m"));
      assertThat(set.next()).isTrue();
      assertThat(set.at().labels()).isEqualTo(Labels.of("__name__", "m", "a", "2", "z", "1"));
    }
  }

  @Test
  void aSeriesSeenBeforeIsAppendedByItsCachedRef() {
    RecordingAppendable rec = new RecordingAppendable();
    for (int i = 1; i <= 3; i++) {
      byte[] body = Proto.of().series(i, i * 1000L, "__name__", "m", "k", "v").snappy();
      receiver.write(body, 0, body.length, rec);
    }
    assertThat(rec.samples()).hasSize(3);
    assertThat(rec.samples().get(2).labels()).isEqualTo(Labels.of("__name__", "m", "k", "v"));
    assertThat(rec.samples().get(2).v()).isEqualTo(3.0);

    // a store that does not know the cached ref (e.g. the series left its head): append by labels
    RecordingAppendable fresh = new RecordingAppendable();
    byte[] body = Proto.of().series(4, 4000, "__name__", "m", "k", "v").snappy();
    receiver.write(body, 0, body.length, fresh);
    assertThat(fresh.samples())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.labels()).isEqualTo(Labels.of("__name__", "m", "k", "v"));
              assertThat(s.t()).isEqualTo(4000);
            });
  }

  @Test
  void unknownFieldsAtEveryLevelMetadataExemplarsAndHistogramsAreSkipped() {
    Proto label = Proto.of().string(1, "__name__").tag(9, 0).varint(3).string(2, "m");
    Proto sample =
        Proto.of().tag(2, 0).varint(1000).tag(7, 5).raw(new byte[4]).tag(1, 1).raw(new byte[8]);
    Proto ts =
        Proto.of()
            .message(1, label)
            .message(3, Proto.of().string(1, "exemplar"))
            .message(4, Proto.of().tag(1, 0).varint(5))
            .message(2, sample)
            .tag(15, 0)
            .varint(1);
    Proto req =
        Proto.of()
            .message(3, Proto.of().tag(1, 0).varint(1).string(2, "m").string(4, "help"))
            .message(1, ts)
            .string(12, "unknown")
            .message(1, Proto.of().label("__name__", "no_samples"));
    assertThat(write(req)).isEqualTo(new WriteResult(1, 1, 0));
    assertThat(stored()).containsExactly("m{} 1000=0.0");
  }

  @Test
  void aSampleNotNewerThanAnEarlierOneOfTheSameRequestIsDroppedAndTheRequestSucceeds()
      throws IOException {
    Proto req =
        Proto.of()
            .series(1, 2000, "__name__", "m")
            .series(2, 1000, "__name__", "m")
            .series(3, 2000, "__name__", "m")
            .series(4, 3000, "__name__", "m");
    assertThat(write(req)).isEqualTo(new WriteResult(4, 2, 2));
    assertThat(stored()).containsExactly("m{} 2000=1.0", "m{} 3000=4.0");
    assertThat(metrics())
        .contains("moraine_remote_write_rejected_samples_total{reason=\"out_of_order\"} 2\n");
  }

  @Test
  void aSampleOlderThanAStoredOneFailsTheWholeRequestWithPrometheusMessage() throws IOException {
    write(Proto.of().series(1, 5000, "__name__", "m"));
    Proto req = Proto.of().series(7, 9000, "__name__", "other").series(2, 4000, "__name__", "m");
    assertThatThrownBy(() -> write(req))
        .isInstanceOf(RemoteWriteException.Rejected.class)
        .hasMessage("out of order sample");
    assertThat(stored()).containsExactly("m{} 5000=1.0");
    assertThat(metrics())
        .contains("moraine_remote_write_rejected_samples_total{reason=\"out_of_order\"} 2\n");

    assertThatThrownBy(() -> write(Proto.of().series(9, 5000, "__name__", "m")))
        .isInstanceOf(RemoteWriteException.Rejected.class)
        .hasMessage("duplicate sample for timestamp")
        .extracting(e -> ((RemoteWriteException) e).reason())
        .isEqualTo("duplicate");
    // the same value at the same time is accepted silently
    assertThat(write(Proto.of().series(1, 5000, "__name__", "m")).samples()).isEqualTo(1);
  }

  @Test
  void invalidLabelsFailTheRequestNamingTheLabel() throws IOException {
    assertInvalid(
        Proto.of().series(1, 1, "__name__", "m", "a", "1", "a", "2"),
        "label name \"a\" is not unique: invalid sample");
    assertInvalid(Proto.of().series(1, 1, "__name__", "m", "0a", "1"), "invalid label name \"0a\"");
    assertInvalid(Proto.of().series(1, 1, "__name__", "4m"), "invalid metric name \"4m\"");
    assertInvalid(Proto.of().series(1, 1, "job", "x"), "series has no metric name");
    assertInvalid(Proto.of().series(1, 1), "series has no metric name");
    Proto badUtf8 =
        Proto.of()
            .message(
                1,
                Proto.of()
                    .message(1, Proto.of().string(1, "__name__").string(2, "m"))
                    .message(1, Proto.of().string(1, "k").bytes(2, new byte[] {'a', (byte) 0xFF}))
                    .sample(1, 1));
    assertInvalid(badUtf8, "label k has a value that is not valid UTF-8");
    assertThat(stored()).isEmpty();
    assertThat(metrics())
        .contains("moraine_remote_write_rejected_samples_total{reason=\"invalid_labels\"} 6\n");
  }

  @Test
  void oneInvalidSeriesFailsTheRequestAfterValidOnes() {
    Proto req =
        Proto.of().series(1, 1000, "__name__", "good").series(1, 1000, "__name__", "bad-name");
    assertThatThrownBy(() -> write(req)).isInstanceOf(RemoteWriteException.InvalidSeries.class);
    assertThat(stored()).isEmpty();
  }

  private void assertInvalid(Proto req, String message) {
    assertThatThrownBy(() -> write(req))
        .isInstanceOf(RemoteWriteException.InvalidSeries.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void undecodableProtobufIsMalformed() throws IOException {
    byte[] whole = Proto.of().series(1, 1000, "__name__", "m").toBytes();
    assertMalformed(
        Proto.snappy(java.util.Arrays.copyOf(whole, whole.length - 3)),
        "proto: unexpected EOF: truncated input while reading");
    assertMalformed(
        Proto.snappy(new byte[] {0x0f, 0x00}), "proto: illegal wire type 7 for field 1 at byte 0");
    assertMalformed(
        Proto.snappy(Proto.of().tag(1, 0).varint(5).toBytes()),
        "proto: wrong wire type 0 for field WriteRequest.timeseries (want 2)");
    assertMalformed(
        Proto.snappy(
            Proto.of()
                .message(
                    1, Proto.of().label("__name__", "m").message(2, Proto.of().tag(1, 0).varint(3)))
                .toBytes()),
        "proto: wrong wire type 0 for field Sample.value (want 1)");
    assertThat(metrics())
        .contains("moraine_remote_write_rejected_samples_total{reason=\"malformed\"} 4\n")
        .doesNotContain("moraine_remote_write_received_samples_total 1");
  }

  @Test
  void undecodableSnappyIsMalformed() {
    assertMalformed(new byte[0], "snappy: corrupt input: empty body");
    assertMalformed(
        new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01},
        "snappy: corrupt input: length header longer than 32 bits");
    // header says 100 bytes, the block holds one literal byte
    assertMalformed(new byte[] {100, 0x00, 'a'}, "snappy: corrupt input");
    // a copy reaching before the start of the output
    assertMalformed(new byte[] {10, 0x01 | (3 << 2), 0x10}, "snappy: corrupt input");
    // the raw protobuf, not snappy-compressed
    assertMalformed(Proto.of().series(1, 1000, "__name__", "m").toBytes(), "snappy: corrupt input");
  }

  @Test
  void aBlockDecodingPastTheLimitIsRefusedBeforeDecoding() {
    var small = new RemoteWriteReceiver(new RemoteWriteOptions(1024, 16), new MetricRegistry());
    byte[] body = Proto.snappy(new byte[2048]);
    assertThatThrownBy(() -> small.write(body, 0, body.length, store))
        .isInstanceOf(RemoteWriteException.Malformed.class)
        .hasMessage("snappy: decoded block is too large: 2048 bytes, more than the limit of 1024");
  }

  private void assertMalformed(byte[] body, String message) {
    assertThatThrownBy(() -> receiver.write(body, 0, body.length, store))
        .isInstanceOf(RemoteWriteException.Malformed.class)
        .hasMessageStartingWith(message);
  }
}
