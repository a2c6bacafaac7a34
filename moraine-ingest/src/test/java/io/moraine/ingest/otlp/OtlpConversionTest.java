package io.moraine.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.sample.StaleNaN;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.OutOfOrderSampleException;
import io.moraine.testkit.storage.RecordingAppendable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Golden conversion: one request with every metric kind, as protobuf built here and as the JSON the
 * OpenTelemetry Collector's otlphttp exporter sends, both against {@code expected.txt}.
 */
class OtlpConversionTest {
  private static final long T = 1_700_000_000_123_456_789L;
  private static final long T2 = 1_700_000_001_000_000_000L;

  static byte[] resource(String name, String value) {
    return new ProtoWriter().attr(1, name, value).toByteArray();
  }

  /** The protobuf twin of {@code request.json}. */
  static byte[] protobufRequest() {
    ProtoWriter res =
        new ProtoWriter()
            .attr(1, "service.name", "checkout")
            .attr(1, "service.namespace", "shop")
            .attr(1, "service.instance.id", "i-1")
            .attr(1, "host.name", "h1")
            .message(
                1,
                new ProtoWriter()
                    .string(1, "replicas")
                    .message(
                        2,
                        new ProtoWriter()
                            .message(
                                5,
                                new ProtoWriter()
                                    .message(1, new ProtoWriter().varint(3, 1))
                                    .message(1, new ProtoWriter().string(1, "b")))));
    List<ProtoWriter> metrics = new ArrayList<>();
    metrics.add(
        metric("system.cpu.utilization", "1")
            .message(
                5,
                new ProtoWriter()
                    .message(
                        1,
                        new ProtoWriter()
                            .intAttr(7, "cpu", 0)
                            .attr(7, "state", "idle")
                            .fixed64(3, T)
                            .float64(4, 0.25))));
    metrics.add(
        metric("http.requests", "{request}")
            .message(
                7,
                new ProtoWriter()
                    .message(
                        1,
                        new ProtoWriter()
                            .attr(7, "http.method", "GET")
                            .attr(7, "http_method", "POST")
                            .message(
                                7,
                                new ProtoWriter()
                                    .string(1, "0day")
                                    .message(2, new ProtoWriter().varint(2, 1)))
                            .fixed64(2, 1_699_999_990_000_000_000L)
                            .fixed64(3, T)
                            .fixed64(6, 42)
                            .message(
                                5,
                                new ProtoWriter()
                                    .fixed64(2, 1_700_000_000_100_000_000L)
                                    .float64(3, 1)
                                    .bytes(4, HexFormat.of().parseHex("eee19b7ec3c1b174"))))
                    .varint(2, 2)
                    .varint(3, 1)));
    metrics.add(
        metric("queue.size", "")
            .message(
                7,
                new ProtoWriter()
                    .message(1, new ProtoWriter().fixed64(3, T).fixed64(6, 7))
                    .varint(2, 2)));
    metrics.add(
        metric("delta.count", "")
            .message(
                7,
                new ProtoWriter()
                    .message(1, new ProtoWriter().fixed64(3, T).fixed64(6, 3))
                    .varint(2, 1)
                    .varint(3, 1)));
    metrics.add(
        metric("http.server.duration", "ms")
            .message(
                9,
                new ProtoWriter()
                    .message(
                        1,
                        new ProtoWriter()
                            .attr(9, "route", "/a")
                            .fixed64(3, T)
                            .fixed64(4, 6)
                            .float64(5, 123.5)
                            .packed(6, 1, 2, 3)
                            .packedDoubles(7, 10, 100.5)
                            .float64(11, 1)
                            .float64(12, 200))
                    .varint(2, 2)));
    metrics.add(
        metric("latency", "s")
            .message(
                10,
                new ProtoWriter()
                    .message(
                        1,
                        new ProtoWriter()
                            .fixed64(3, T)
                            .fixed64(4, 2)
                            .varint(6, 6)
                            .message(8, new ProtoWriter().varint(1, 2).packed(2, 2)))
                    .varint(2, 2)));
    metrics.add(
        metric("rpc.latency", "s")
            .message(
                11,
                new ProtoWriter()
                    .message(
                        1,
                        new ProtoWriter()
                            .fixed64(3, T2)
                            .fixed64(4, 3)
                            .float64(5, 1.5)
                            .message(6, new ProtoWriter().float64(1, 0.5).float64(2, 0.4))
                            .message(6, new ProtoWriter().float64(1, 0.99).float64(2, 0.9)))));
    metrics.add(
        metric("gone.gauge", "By")
            .message(
                5,
                new ProtoWriter()
                    .message(1, new ProtoWriter().fixed64(3, T).float64(4, 5).varint(8, 1))));
    ProtoWriter scope =
        new ProtoWriter()
            .message(1, new ProtoWriter().string(1, "io.example.lib").string(2, "1.0.0"));
    for (ProtoWriter m : metrics) {
      scope.message(2, m);
    }
    return new ProtoWriter()
        .message(1, new ProtoWriter().message(1, res).message(2, scope))
        .toByteArray();
  }

  private static ProtoWriter metric(String name, String unit) {
    ProtoWriter m = new ProtoWriter().string(1, name).string(2, "a description");
    return unit.isEmpty() ? m : m.string(3, unit);
  }

  static byte[] resourceBytes(String name) throws IOException {
    try (InputStream in = OtlpConversionTest.class.getResourceAsStream(name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  static List<String> render(RecordingAppendable store) {
    List<String> out = new ArrayList<>();
    for (RecordingAppendable.Sample s : store.samples()) {
      String v = StaleNaN.isStale(s.v()) ? "stale" : Double.toString(s.v());
      out.add(s.labels() + " " + s.t() + " " + v);
    }
    return out;
  }

  private static List<String> expected() throws IOException {
    return new String(resourceBytes("expected.txt"), StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.startsWith("#"))
        .toList();
  }

  private static void assertGolden(byte[] body, Encoding encoding) throws IOException {
    MetricRegistry registry = new MetricRegistry();
    OtlpReceiver receiver = new OtlpReceiver(OtlpOptions.DEFAULT, registry);
    RecordingAppendable store = new RecordingAppendable();
    ExportResult r = receiver.export(body, 0, body.length, encoding, store);
    assertThat(render(store)).containsExactlyElementsOf(expected());
    assertThat(store.batches()).hasSize(1);
    assertThat(r.receivedPoints()).isEqualTo(8);
    assertThat(r.rejectedPoints()).isEqualTo(2);
    assertThat(r.errorMessage())
        .isEqualTo(
            "rejected 2 of 8 data points: 1 delta_temporality (invalid temporality and type"
                + " combination for metric \"delta.count\"); 1 exponential_histogram (exponential"
                + " histograms are not supported, metric \"latency\" dropped)");
    assertThat(SelfMetrics.text(registry))
        .contains("moraine_otlp_points_received_total 8")
        .contains("moraine_otlp_points_rejected_total{reason=\"delta_temporality\"} 1")
        .contains("moraine_otlp_points_rejected_total{reason=\"exponential_histogram\"} 1");
  }

  @Test
  void protobufRequestConvertsToTheGoldenSeries() throws IOException {
    assertGolden(protobufRequest(), Encoding.PROTOBUF);
  }

  @Test
  void collectorJsonRequestConvertsToTheGoldenSeries() throws IOException {
    assertGolden(resourceBytes("request.json"), Encoding.JSON);
  }

  @Test
  void aSampleTheStoreRefusesRejectsItsPointAndKeepsTheRest() throws IOException {
    RecordingAppendable store = new RecordingAppendable();
    store.rejectSample(5, OutOfOrderSampleException::new); // a histogram's _count
    byte[] body = protobufRequest();
    ExportResult r =
        new OtlpReceiver(OtlpOptions.DEFAULT, new MetricRegistry())
            .export(body, 0, body.length, Encoding.PROTOBUF, store);
    assertThat(r.rejectedPoints()).isEqualTo(3);
    assertThat(r.errorMessage()).contains("1 out_of_order (");
    assertThat(render(store)).hasSize(expected().size() - 1);
  }

  @Test
  void targetInfoCanBeTurnedOff() throws IOException {
    RecordingAppendable store = new RecordingAppendable();
    byte[] body = protobufRequest();
    new OtlpReceiver(new OtlpOptions(false), new MetricRegistry())
        .export(body, 0, body.length, Encoding.PROTOBUF, store);
    assertThat(render(store)).noneMatch(s -> s.startsWith("target_info"));
  }

  @Test
  void undecodableBodiesAreRefusedNamingTheProblem() {
    OtlpReceiver receiver = new OtlpReceiver(OtlpOptions.DEFAULT, new MetricRegistry());
    RecordingAppendable store = new RecordingAppendable();
    byte[] proto = protobufRequest();
    assertThatThrownBy(() -> receiver.export(proto, 0, proto.length - 3, Encoding.PROTOBUF, store))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageContaining("invalid ExportMetricsServiceRequest (protobuf)")
        .hasMessageContaining("truncated");
    byte[] json =
        "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":7}]}]}]}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> receiver.export(json, 0, json.length, Encoding.JSON, store))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageContaining("want a string for field \"name\" at line 1");
    byte[] notJson = "{\"resourceMetrics\":[".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> receiver.export(notJson, 0, notJson.length, Encoding.JSON, store))
        .isInstanceOf(OtlpFormatException.class);
    assertThat(store.samples()).isEmpty();
  }

  @Test
  void snakeCaseNamesAndEnumNamesAreAcceptedInJson() {
    byte[] json =
        ("{\"resource_metrics\":[{\"scope_metrics\":[{\"metrics\":[{\"name\":\"c\",\"sum\":"
                + "{\"data_points\":[{\"time_unix_nano\":2000000,\"as_double\":\"NaN\"}],"
                + "\"aggregation_temporality\":\"AGGREGATION_TEMPORALITY_CUMULATIVE\","
                + "\"is_monotonic\":true}}]}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    RecordingAppendable store = new RecordingAppendable();
    new OtlpReceiver(OtlpOptions.DEFAULT, new MetricRegistry())
        .export(json, 0, json.length, Encoding.JSON, store);
    assertThat(render(store)).containsExactly("c_total{} 2 NaN");
  }
}
