package io.moraine.logs.push;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A tiny protobuf encoder for tests: fields in the order written, nested messages by value. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter varint(int field, long v) {
    tag(field, 0);
    raw(v);
    return this;
  }

  ProtoWriter fixed64(int field, long v) {
    tag(field, 1);
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  ProtoWriter fixed32(int field, int v) {
    tag(field, 5);
    for (int i = 0; i < 4; i++) {
      out.write(v >>> (8 * i));
    }
    return this;
  }

  ProtoWriter bytes(int field, byte[] b) {
    tag(field, 2);
    raw(b.length);
    out.writeBytes(b);
    return this;
  }

  ProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter message(int field, ProtoWriter m) {
    return bytes(field, m.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** Loki's entry: Timestamp{seconds, nanos}, line, structured metadata pairs. */
  static ProtoWriter lokiEntry(long nanos, String line, String... meta) {
    ProtoWriter ts = new ProtoWriter();
    if (nanos / 1_000_000_000L != 0) {
      ts.varint(1, nanos / 1_000_000_000L);
    }
    if (nanos % 1_000_000_000L != 0) {
      ts.varint(2, nanos % 1_000_000_000L);
    }
    ProtoWriter e = new ProtoWriter().message(1, ts).string(2, line);
    for (int i = 0; i < meta.length; i += 2) {
      e.message(3, new ProtoWriter().string(1, meta[i]).string(2, meta[i + 1]));
    }
    return e;
  }

  static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  private void tag(int field, int wire) {
    raw((long) field << 3 | wire);
  }

  private void raw(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
