package io.moraine.ingest.otlp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format for tests: fields in the order called. */
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
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  ProtoWriter float64(int field, double v) {
    return fixed64(field, Double.doubleToRawLongBits(v));
  }

  ProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter bytes(int field, byte[] b) {
    tag(field, 2);
    raw(b.length);
    out.writeBytes(b);
    return this;
  }

  ProtoWriter message(int field, ProtoWriter m) {
    return bytes(field, m.toByteArray());
  }

  /** A packed repeated fixed64 or double field. */
  ProtoWriter packed(int field, long... values) {
    ProtoWriter p = new ProtoWriter();
    for (long v : values) {
      for (int i = 0; i < 8; i++) {
        p.out.write((int) (v >>> (8 * i)) & 0xFF);
      }
    }
    return bytes(field, p.toByteArray());
  }

  ProtoWriter packedDoubles(int field, double... values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToRawLongBits(values[i]);
    }
    return packed(field, bits);
  }

  /** A {@code KeyValue} with a string value in field {@code field}. */
  ProtoWriter attr(int field, String key, String value) {
    return message(
        field, new ProtoWriter().string(1, key).message(2, new ProtoWriter().string(1, value)));
  }

  /** A {@code KeyValue} with an int value. */
  ProtoWriter intAttr(int field, String key, long value) {
    return message(
        field, new ProtoWriter().string(1, key).message(2, new ProtoWriter().varint(3, value)));
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wire) {
    raw(((long) field << 3) | wire);
  }

  private void raw(long v) {
    long x = v;
    while ((x & ~0x7FL) != 0) {
      out.write((int) ((x & 0x7F) | 0x80));
      x >>>= 7;
    }
    out.write((int) x);
  }
}
