package io.moraine.tsdb.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeriesCodecTest {
  @Test
  void roundTripsSeriesWithUnicodeAndManyLabels() {
    SeriesBatch in = new SeriesBatch();
    in.add(5, Labels.of("__name__", "up", "job", "node", "instance", "a:9100"));
    in.add(3, Labels.of("__name__", "temp_°C", "site", "glacier-Ü-北", "x", "\uD83D\uDE00"));
    in.add(Integer.MAX_VALUE, Labels.EMPTY);
    String[] many = new String[200];
    for (int i = 0; i < 100; i++) {
      many[2 * i] = String.format("l%03d", i);
      many[2 * i + 1] = "v".repeat(i + 1);
    }
    in.add(Integer.MIN_VALUE, Labels.of(many));

    RecordBuffer buf = new RecordBuffer(8);
    SeriesCodec.encode(in, buf);
    SeriesBatch out = new SeriesBatch();
    out.add(99, Labels.of("stale", "entry"));
    ByteBuffer b = buf.asByteBuffer();
    SeriesCodec.decode(b, out);

    assertThat(b.hasRemaining()).isFalse();
    assertThat(RecordType.of(buf.asByteBuffer())).isEqualTo(RecordType.SERIES);
    assertThat(out.size()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(out.ref(i)).isEqualTo(in.ref(i));
      assertThat(out.labels(i)).isEqualTo(in.labels(i));
    }
  }

  @Test
  void refusesOtherTypesTruncationAndUnsortedLabels() {
    SeriesBatch in = new SeriesBatch();
    in.add(1, Labels.of("a", "1", "b", "2"));
    RecordBuffer buf = new RecordBuffer();
    SeriesCodec.encode(in, buf);
    byte[] rec = buf.toByteArray();

    byte[] samples = rec.clone();
    samples[0] = RecordType.SAMPLES;
    assertThatThrownBy(() -> SeriesCodec.decode(ByteBuffer.wrap(samples), new SeriesBatch()))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("expected a SERIES record");
    for (int cut = 1; cut < rec.length; cut++) {
      byte[] t = Arrays.copyOf(rec, cut);
      assertThatThrownBy(() -> SeriesCodec.decode(ByteBuffer.wrap(t), new SeriesBatch()))
          .isInstanceOf(MalformedRecordException.class);
    }
    // swap the names "a" and "b": labels no longer sorted
    byte[] unsorted = rec.clone();
    int a = indexOf(unsorted, (byte) 'a');
    int b = indexOf(unsorted, (byte) 'b');
    unsorted[a] = 'b';
    unsorted[b] = 'a';
    assertThatThrownBy(() -> SeriesCodec.decode(ByteBuffer.wrap(unsorted), new SeriesBatch()))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("not sorted");
  }

  @Test
  void typeNamesComeFromTheRegistry() {
    assertThat(RecordType.name(RecordType.SAMPLES)).isEqualTo("SAMPLES");
    assertThat(RecordType.name((byte) 200)).isEqualTo("unknown(200)");
    assertThatThrownBy(() -> RecordType.of(ByteBuffer.allocate(0)))
        .isInstanceOf(MalformedRecordException.class);
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    throw new AssertionError("not found: " + x);
  }
}
