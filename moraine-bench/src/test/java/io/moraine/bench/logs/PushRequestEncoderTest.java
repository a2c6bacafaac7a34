package io.moraine.bench.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyDecompressor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushRequestEncoderTest {
  private static final byte[][] LABELS = {
    "{app=\"a\", ns=\"prod\"}".getBytes(StandardCharsets.UTF_8),
    "{app=\"b\", ns=\"dev\"}".getBytes(StandardCharsets.UTF_8),
    "{app=\"unused\"}".getBytes(StandardCharsets.UTF_8)
  };

  private static void add(PushBatch batch, int stream, long nanos, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    batch.add(stream, nanos, b, 0, b.length);
  }

  @Test
  void groupsEntriesByStreamInOrderWithExactTimestamps() {
    PushBatch batch = new PushBatch();
    add(batch, 1, 1_714_521_600_000_000_000L, "b first (whole second: nanos left out)");
    add(batch, 0, 1_714_521_600_123_456_789L, "a first");
    add(batch, 1, 1_714_521_600_123_456_790L, "b second ünïcödé ✓");
    add(batch, 0, 999L, "a second, before 1970+1s: seconds left out");
    add(batch, 0, 1_714_521_601_000_000_001L, "x".repeat(300));
    PushRequestEncoder encoder = new PushRequestEncoder(LABELS);

    int n = encoder.encode(batch);
    List<ProtoDecoder.Stream> streams = ProtoDecoder.pushRequest(encoder.buf(), n);

    assertThat(streams)
        .containsExactly(
            new ProtoDecoder.Stream(
                "{app=\"a\", ns=\"prod\"}",
                List.of(
                    new ProtoDecoder.Entry(1_714_521_600_123_456_789L, "a first"),
                    new ProtoDecoder.Entry(999L, "a second, before 1970+1s: seconds left out"),
                    new ProtoDecoder.Entry(1_714_521_601_000_000_001L, "x".repeat(300)))),
            new ProtoDecoder.Stream(
                "{app=\"b\", ns=\"dev\"}",
                List.of(
                    new ProtoDecoder.Entry(
                        1_714_521_600_000_000_000L, "b first (whole second: nanos left out)"),
                    new ProtoDecoder.Entry(1_714_521_600_123_456_790L, "b second ünïcödé ✓"))));
  }

  @Test
  void compressedBodyIsSnappyBlockOfTheRequestAndBuffersAreReused() {
    PushRequestEncoder encoder = new PushRequestEncoder(LABELS);
    PushBatch batch = new PushBatch();
    for (int i = 0; i < 5000; i++) {
      add(batch, i % 2, 1_000_000_000L * i, "line " + i + " of a batch bigger than the buffers");
    }
    byte[] body = encoder.encodeCompressed(batch);
    byte[] plain = Arrays.copyOf(encoder.buf(), encoder.encode(batch));
    byte[] out = new byte[plain.length];
    int n = new SnappyDecompressor().decompress(body, 0, body.length, out, 0, out.length);
    assertThat(Arrays.copyOf(out, n)).isEqualTo(plain);
    assertThat(body.length).isLessThan(plain.length);

    batch.clear();
    add(batch, 2, 5, "only");
    int m = encoder.encode(batch);
    assertThat(ProtoDecoder.pushRequest(encoder.buf(), m))
        .containsExactly(
            new ProtoDecoder.Stream(
                "{app=\"unused\"}", List.of(new ProtoDecoder.Entry(5, "only"))));
  }
}
