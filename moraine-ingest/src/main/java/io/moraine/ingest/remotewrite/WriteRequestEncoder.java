package io.moraine.ingest.remotewrite;

import io.airlift.compress.snappy.SnappyCompressor;
import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@code prometheus.WriteRequest} (remote-write 1.0) by hand and snappy-compresses it
 * (block format). Consecutive samples of one series share one {@code TimeSeries}. Not thread-safe:
 * one per shard; buffers are reused across requests.
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 */
final class WriteRequestEncoder {
  /** Encoded label sections remembered per series; cleared when full (a shard's series). */
  private static final int MAX_CACHED_SERIES = 100_000;

  private final Map<Labels, byte[]> labelBytes = new HashMap<>();
  private final SnappyCompressor snappy = new SnappyCompressor();
  private byte[] buf = new byte[1 << 16];
  private ByteBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
  private byte[] compressed = new byte[0];
  private int protoLength;

  /** Encodes and compresses {@code b}; returns the compressed length (bytes in {@link #body}). */
  int encode(Batch b) {
    int pos = 0;
    int i = 0;
    while (i < b.size) {
      Labels l = b.labels[i];
      int j = i + 1;
      while (j < b.size && b.labels[j].equals(l)) {
        j++;
      }
      byte[] lb = labels(l);
      long content = lb.length;
      for (int k = i; k < j; k++) {
        content += 2 + sampleSize(b.t[k]);
      }
      ensure(pos + 10 + content);
      buf[pos++] = 0x0A;
      pos = Varint.putUvarint(buf, pos, content);
      System.arraycopy(lb, 0, buf, pos, lb.length);
      pos += lb.length;
      for (int k = i; k < j; k++) {
        buf[pos++] = 0x12;
        buf[pos++] = (byte) sampleSize(b.t[k]);
        buf[pos++] = 0x09;
        view.putLong(pos, Double.doubleToRawLongBits(b.v[k]));
        pos += 8;
        buf[pos++] = 0x10;
        pos = Varint.putUvarint(buf, pos, b.t[k]);
      }
      i = j;
    }
    protoLength = pos;
    int max = snappy.maxCompressedLength(pos);
    if (compressed.length < max) {
      compressed = new byte[max];
    }
    return snappy.compress(buf, 0, pos, compressed, 0, compressed.length);
  }

  /** The compressed request of the last {@link #encode}. */
  byte[] body() {
    return compressed;
  }

  /** The uncompressed size of the last request. */
  int protoLength() {
    return protoLength;
  }

  private static int sampleSize(long t) {
    return 9 + 1 + Varint.uvarintSize(t);
  }

  private byte[] labels(Labels l) {
    byte[] cached = labelBytes.get(l);
    if (cached != null) {
      return cached;
    }
    if (labelBytes.size() >= MAX_CACHED_SERIES) {
      labelBytes.clear();
    }
    int size = 0;
    byte[][] parts = new byte[l.size() * 2][];
    for (int k = 0; k < l.size(); k++) {
      parts[2 * k] = l.name(k).getBytes(StandardCharsets.UTF_8);
      parts[2 * k + 1] = l.value(k).getBytes(StandardCharsets.UTF_8);
      int m = field(parts[2 * k].length) + field(parts[2 * k + 1].length);
      size += field(m);
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (int k = 0; k < l.size(); k++) {
      byte[] n = parts[2 * k];
      byte[] v = parts[2 * k + 1];
      out[pos++] = 0x0A;
      pos = Varint.putUvarint(out, pos, field(n.length) + field(v.length));
      pos = bytesField(out, pos, 0x0A, n);
      pos = bytesField(out, pos, 0x12, v);
    }
    labelBytes.put(l, out);
    return out;
  }

  /** Size of a length-delimited field with a one-byte tag and {@code len} bytes of content. */
  private static int field(int len) {
    return 1 + Varint.uvarintSize(len) + len;
  }

  private static int bytesField(byte[] out, int pos, int tag, byte[] b) {
    out[pos++] = (byte) tag;
    pos = Varint.putUvarint(out, pos, b.length);
    System.arraycopy(b, 0, out, pos, b.length);
    return pos + b.length;
  }

  private void ensure(long size) {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("request too large: " + size + " bytes");
    }
    if (buf.length < size) {
      buf =
          Arrays.copyOf(
              buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(size, buf.length * 2L)));
      view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
