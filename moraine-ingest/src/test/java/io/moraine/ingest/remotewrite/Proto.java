package io.moraine.ingest.remotewrite;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Hand-built remote-write bytes for tests: protobuf fields and a snappy block around them. */
final class Proto {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Proto of() {
    return new Proto();
  }

  Proto varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
    return this;
  }

  Proto tag(int field, int wire) {
    return varint((long) field << 3 | wire);
  }

  Proto raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  Proto bytes(int field, byte[] b) {
    tag(field, 2).varint(b.length);
    out.writeBytes(b);
    return this;
  }

  Proto string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  Proto message(int field, Proto m) {
    return bytes(field, m.toBytes());
  }

  /** A {@code Label} field (TimeSeries.labels = 1). */
  Proto label(String name, String value) {
    return message(1, of().string(1, name).string(2, value));
  }

  /** A {@code Sample} field (TimeSeries.samples = 2). */
  Proto sample(double v, long t) {
    Proto s = of().tag(1, 1);
    long bits = Double.doubleToRawLongBits(v);
    for (int i = 0; i < 8; i++) {
      s.out.write((int) (bits >>> (8 * i)));
    }
    return message(2, s.tag(2, 0).varint(t));
  }

  /** A TimeSeries with these labels (name, value, ...) and one sample (WriteRequest field 1). */
  Proto series(double v, long t, String... kv) {
    Proto ts = of();
    for (int i = 0; i < kv.length; i += 2) {
      ts.label(kv[i], kv[i + 1]);
    }
    return message(1, ts.sample(v, t));
  }

  byte[] toBytes() {
    return out.toByteArray();
  }

  /** The bytes as a snappy block, as a remote-write body. */
  byte[] snappy() {
    return snappy(toBytes());
  }

  static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] buf = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, buf, 0, buf.length);
    return Arrays.copyOf(buf, n);
  }
}
