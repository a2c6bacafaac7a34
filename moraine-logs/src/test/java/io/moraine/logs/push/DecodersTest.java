package io.moraine.logs.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecodersTest {
  private static final long T = 1_700_000_000_123_456_789L;

  private static String line(PushBatch b, PushStream s, int i) {
    return new String(b.data(), s.lineOffset(i), s.lineLength(i), StandardCharsets.UTF_8);
  }

  @Test
  void decodesSnappyProtobufAsPromtailAndAlloySendIt() {
    byte[] raw =
        new ProtoWriter()
            .message(
                1,
                new ProtoWriter()
                    .string(1, "{filename=\"/var/log/app.log\", job=\"varlogs\"}")
                    .message(2, ProtoWriter.lokiEntry(T, "level=info msg=started"))
                    .message(2, ProtoWriter.lokiEntry(T + 1, "héllo", "trace_id", "abc"))
                    .varint(3, 12345))
            .message(
                1,
                new ProtoWriter()
                    .message(2, ProtoWriter.lokiEntry(5, "labels after entries"))
                    .string(1, "{job=\"b\"}"))
            .toByteArray();
    byte[] body = ProtoWriter.snappy(raw);

    PushBatch b = new LokiProtobufDecoder(1 << 20).decodeSnappy(body, 0, body.length);

    assertThat(b.streams()).hasSize(2);
    PushStream s = b.streams().get(0);
    assertThat(s.labelsText()).isEqualTo("{filename=\"/var/log/app.log\", job=\"varlogs\"}");
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.timestampNanos(0)).isEqualTo(T);
    assertThat(line(b, s, 0)).isEqualTo("level=info msg=started");
    assertThat(line(b, s, 1)).isEqualTo("héllo");
    assertThat(s.metadata(0)).isEqualTo(Labels.EMPTY);
    assertThat(s.metadata(1)).isEqualTo(Labels.of("trace_id", "abc"));
    assertThat(b.streams().get(1).labelsText()).isEqualTo("{job=\"b\"}");
    assertThat(b.streams().get(1).timestampNanos(0)).isEqualTo(5);
    assertThat(b.entryCount()).isEqualTo(3);
  }

  @Test
  void protobufErrorsNameTheStreamAndEntry() {
    byte[] raw =
        new ProtoWriter()
            .message(1, new ProtoWriter().string(1, "{a=\"1\"}"))
            .message(
                1,
                new ProtoWriter().string(1, "{a=\"2\"}").message(2, ProtoWriter.lokiEntry(T, "ok")))
            .toByteArray();
    byte[] cut = Arrays.copyOf(raw, raw.length - 1);
    // the second stream's declared length now runs past the body
    assertThatThrownBy(() -> new LokiProtobufDecoder(1 << 20).decode(cut, 0, cut.length))
        .isInstanceOf(InvalidPushException.class)
        .hasMessageStartingWith("stream 1: length");
    byte[] notSnappy = "{\"streams\":[]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> new LokiProtobufDecoder(1 << 20).decodeSnappy(notSnappy, 0, notSnappy.length))
        .isInstanceOf(InvalidPushException.class)
        .hasMessageContaining("snappy");
  }

  @Test
  void decodesFluentBitJsonAndLegacyJson() {
    String fluentBit =
        "{\"streams\":[{\"stream\":{\"job\":\"fluent-bit\",\"hostname\":\"node-1\"},"
            + "\"values\":[[\"1700000000123456789\",\"{\\\"log\\\":\\\"GET /health 200\\\"}\"],"
            + "[\"1700000000123456790\",\"caf\\u00e9 \\ud83d\\ude00\",{\"user\":\"u1\"}]]}]}";
    byte[] body = fluentBit.getBytes(StandardCharsets.UTF_8);
    PushBatch b = new LokiJsonDecoder().decode(body, 0, body.length);
    PushStream s = b.streams().getFirst();
    assertThat(s.labelPairs()).containsExactly("job", "fluent-bit", "hostname", "node-1");
    assertThat(s.timestampNanos(0)).isEqualTo(T);
    assertThat(line(b, s, 0)).isEqualTo("{\"log\":\"GET /health 200\"}");
    assertThat(line(b, s, 1)).isEqualTo("café \uD83D\uDE00");
    assertThat(s.metadata(1)).isEqualTo(Labels.of("user", "u1"));

    String legacy =
        "{\"streams\":[{\"labels\":\"{job=\\\"old\\\"}\",\"entries\":"
            + "[{\"ts\":\"2023-11-14T22:13:20.5Z\",\"line\":\"legacy line\"}]}]}";
    byte[] lb = legacy.getBytes(StandardCharsets.UTF_8);
    PushBatch l = new LokiJsonDecoder().decode(lb, 0, lb.length);
    assertThat(l.streams().getFirst().labelsText()).isEqualTo("{job=\"old\"}");
    assertThat(l.streams().getFirst().timestampNanos(0)).isEqualTo(1_700_000_000_500_000_000L);
    assertThat(line(l, l.streams().getFirst(), 0)).isEqualTo("legacy line");
  }

  @Test
  void jsonErrorsNameTheStreamEntryAndField() {
    String bad =
        "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",\"x\"]]},"
            + "{\"stream\":{\"a\":\"c\"},\"values\":[[\"1\",\"x\"],[\"12ab\",\"y\"]]}]}";
    byte[] b = bad.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new LokiJsonDecoder().decode(b, 0, b.length))
        .isInstanceOf(InvalidPushException.class)
        .hasMessage(
            "stream 1: values[1]: timestamp \"12ab\" is not an integer of nanoseconds since the"
                + " epoch");
    byte[] numeric = "{\"streams\":[{\"values\":[[1,\"x\"]]}]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new LokiJsonDecoder().decode(numeric, 0, numeric.length))
        .hasMessage("stream 0: values[0]: timestamp: expected a string but found a number");
    byte[] broken = "{\"streams\":[".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new LokiJsonDecoder().decode(broken, 0, broken.length))
        .isInstanceOf(InvalidPushException.class)
        .hasMessageStartingWith("invalid JSON: ");
  }

  static final String OTLP_JSON =
      """
      {"resourceLogs":[{"resource":{"attributes":[
        {"key":"service.name","value":{"stringValue":"checkout"}},
        {"key":"k8s.namespace.name","value":{"stringValue":"shop"}},
        {"key":"host.name","value":{"stringValue":"node-1"}},
        {"key":"process.runtime","value":{"kvlistValue":{"values":[
          {"key":"name","value":{"stringValue":"jvm"}}]}}}]},
       "scopeLogs":[{"scope":{"name":"io.opentelemetry.log4j","version":"1.2"},
        "logRecords":[{"timeUnixNano":"1700000000000000001",
          "observedTimeUnixNano":"1700000000500000000","severityNumber":9,
          "severityText":"INFO","body":{"stringValue":"order placed"},
          "attributes":[{"key":"http.method","value":{"stringValue":"POST"}},
            {"key":"retries","value":{"intValue":"2"}}],
          "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"},
          {"observedTimeUnixNano":"1700000000600000000",
           "body":{"kvlistValue":{"values":[{"key":"b","value":{"doubleValue":1.5}},
             {"key":"a","value":{"boolValue":true}}]}}}]}]},
       {"resource":{"attributes":[]},"scopeLogs":[{"logRecords":[
          {"timeUnixNano":"5","body":{"stringValue":"no service"}}]}]}]}
      """;

  @Test
  void mapsOtlpJsonAsLoki() {
    byte[] body = OTLP_JSON.getBytes(StandardCharsets.UTF_8);
    PushBatch b =
        new OtlpLogsDecoder(OtlpLogsDecoder.DEFAULT_INDEX_LABELS, new ManualClock(0))
            .decodeJson(body, 0, body.length);
    assertOtlp(b);
  }

  @Test
  void mapsOtlpProtobufAsLoki() {
    ProtoWriter rec =
        new ProtoWriter()
            .fixed64(1, 1_700_000_000_000_000_001L)
            .varint(2, 9)
            .string(3, "INFO")
            .message(5, new ProtoWriter().string(1, "order placed"))
            .message(6, kv("http.method", new ProtoWriter().string(1, "POST")))
            .message(6, kv("retries", new ProtoWriter().varint(3, 2)))
            .bytes(9, java.util.HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c"))
            .bytes(10, java.util.HexFormat.of().parseHex("eee19b7ec3c1b174"))
            .fixed64(11, 1_700_000_000_500_000_000L);
    ProtoWriter rec2 =
        new ProtoWriter()
            .fixed64(11, 1_700_000_000_600_000_000L)
            .message(
                5,
                new ProtoWriter()
                    .message(
                        6,
                        new ProtoWriter()
                            .message(
                                1,
                                kv("b", new ProtoWriter().fixed64(4, Double.doubleToLongBits(1.5))))
                            .message(1, kv("a", new ProtoWriter().varint(2, 1)))));
    ProtoWriter resource =
        new ProtoWriter()
            .message(1, kv("service.name", new ProtoWriter().string(1, "checkout")))
            .message(1, kv("k8s.namespace.name", new ProtoWriter().string(1, "shop")))
            .message(1, kv("host.name", new ProtoWriter().string(1, "node-1")))
            .message(
                1,
                kv(
                    "process.runtime",
                    new ProtoWriter()
                        .message(
                            6,
                            new ProtoWriter()
                                .message(1, kv("name", new ProtoWriter().string(1, "jvm"))))));
    ProtoWriter scope = new ProtoWriter().string(1, "io.opentelemetry.log4j").string(2, "1.2");
    byte[] body =
        new ProtoWriter()
            .message(
                1,
                new ProtoWriter()
                    .message(1, resource)
                    .message(
                        2, new ProtoWriter().message(1, scope).message(2, rec).message(2, rec2)))
            .message(
                1,
                new ProtoWriter()
                    .message(
                        2,
                        new ProtoWriter()
                            .message(
                                2,
                                new ProtoWriter()
                                    .fixed64(1, 5)
                                    .message(5, new ProtoWriter().string(1, "no service")))))
            .toByteArray();
    PushBatch b =
        new OtlpLogsDecoder(OtlpLogsDecoder.DEFAULT_INDEX_LABELS, new ManualClock(0))
            .decodeProtobuf(body, 0, body.length);
    assertOtlp(b);
  }

  private static ProtoWriter kv(String key, ProtoWriter value) {
    return new ProtoWriter().string(1, key).message(2, value);
  }

  private static void assertOtlp(PushBatch b) {
    assertThat(b.streams()).hasSize(2);
    PushStream s = b.streams().get(0);
    assertThat(s.labelPairs())
        .containsExactly("k8s_namespace_name", "shop", "service_name", "checkout");
    assertThat(s.timestampNanos(0)).isEqualTo(1_700_000_000_000_000_001L);
    assertThat(line(b, s, 0)).isEqualTo("order placed");
    assertThat(s.metadata(0))
        .isEqualTo(
            Labels.of(
                "http_method", "POST",
                "retries", "2",
                "observed_timestamp", "1700000000500000000",
                "severity_number", "9",
                "severity_text", "INFO",
                "trace_id", "5b8efff798038103d269b633813fc60c",
                "span_id", "eee19b7ec3c1b174",
                "host_name", "node-1",
                "process_runtime_name", "jvm",
                "scope_name", "io.opentelemetry.log4j",
                "scope_version", "1.2"));
    // no time: the observed time; a map body is JSON with sorted keys
    assertThat(s.timestampNanos(1)).isEqualTo(1_700_000_000_600_000_000L);
    assertThat(line(b, s, 1)).isEqualTo("{\"a\":true,\"b\":1.5}");
    assertThat(s.metadata(1).get("observed_timestamp")).isNull();
    PushStream unknown = b.streams().get(1);
    assertThat(unknown.labelPairs()).containsExactly("service_name", "unknown_service");
    assertThat(line(b, unknown, 0)).isEqualTo("no service");
  }

  @Test
  void otlpLabelNamesAreSanitizedAsTheCollectorDoes() {
    assertThat(OtlpValues.sanitize("k8s.pod.name")).isEqualTo("k8s_pod_name");
    assertThat(OtlpValues.sanitize("2xx")).isEqualTo("key_2xx");
    assertThat(OtlpValues.sanitize("_private")).isEqualTo("key_private");
    assertThat(OtlpValues.sanitize("__meta")).isEqualTo("__meta");
    assertThat(OtlpValues.asString(1e21)).isEqualTo("1000000000000000000000");
    assertThat(OtlpValues.asString(new byte[] {1, 2})).isEqualTo("AQI=");
  }
}
