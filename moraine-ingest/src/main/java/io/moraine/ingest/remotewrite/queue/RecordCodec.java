package io.moraine.ingest.remotewrite.queue;

import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Encodes and decodes samples records (type 1 of {@code docs/format/remote-write-queue.md}). */
final class RecordCodec {
  static final byte TYPE_SAMPLES = 1;

  /** Frame header: length u32, crc u32. */
  static final int FRAME_HEADER = 8;

  private byte[] buf = new byte[4096];
  private final Map<Labels, Integer> seriesIds = new HashMap<>();
  private int[] indexes = new int[256];

  /**
   * Encodes {@code batch} as one frame (header included) into this codec's buffer; returns its
   * length. The bytes are valid until the next call. Not thread-safe.
   */
  int encodeFrame(SampleBatch batch) {
    int n = batch.size();
    if (indexes.length < n) {
      indexes = new int[Math.max(n, indexes.length * 2)];
    }
    seriesIds.clear();
    Labels[] order = new Labels[Math.min(n, 1024)];
    int seriesCount = 0;
    for (int i = 0; i < n; i++) {
      Labels l = batch.labels(i);
      Integer id = seriesIds.get(l);
      if (id == null) {
        id = seriesCount++;
        seriesIds.put(l, id);
        if (id == order.length) {
          order = Arrays.copyOf(order, order.length * 2);
        }
        order[id] = l;
      }
      indexes[i] = id;
    }
    int pos = FRAME_HEADER;
    ensure(pos + 16);
    buf[pos++] = TYPE_SAMPLES;
    pos = Varint.putUvarint(buf, pos, seriesCount);
    for (int s = 0; s < seriesCount; s++) {
      Labels l = order[s];
      ensure(pos + 10);
      pos = Varint.putUvarint(buf, pos, l.size());
      for (int k = 0; k < l.size(); k++) {
        pos = putString(pos, l.name(k));
        pos = putString(pos, l.value(k));
      }
    }
    ensure(pos + 10 + n * 28L);
    pos = Varint.putUvarint(buf, pos, n);
    ByteBuffer out = ByteBuffer.wrap(buf);
    for (int i = 0; i < n; i++) {
      pos = Varint.putUvarint(buf, pos, indexes[i]);
      pos = Varint.putVarint(buf, pos, batch.t(i));
      out.putLong(pos, Double.doubleToRawLongBits(batch.v(i)));
      pos += 8;
    }
    int length = pos - FRAME_HEADER;
    out.putInt(0, length);
    out.putInt(4, io.moraine.core.encoding.Crc32c.of(buf, FRAME_HEADER, length));
    return pos;
  }

  /** The encoded frame of the last {@link #encodeFrame} call. */
  byte[] buffer() {
    return buf;
  }

  private int putString(int pos, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    ensure(pos + 5 + b.length);
    pos = Varint.putUvarint(buf, pos, b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    return pos + b.length;
  }

  private void ensure(long size) {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("record too large: " + size + " bytes");
    }
    if (buf.length < size) {
      buf =
          Arrays.copyOf(
              buf, (int) Math.max(size, Math.min(Integer.MAX_VALUE - 16, buf.length * 2L)));
    }
  }

  /**
   * Decodes the record in {@code rec} (position to limit, type byte first).
   *
   * @throws IllegalArgumentException when it is not a well-formed samples record
   */
  static QueueRecord decode(ByteBuffer rec, long segment, long endOffset) {
    byte type = rec.get();
    if (type != TYPE_SAMPLES) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    int seriesCount = count(rec, "series");
    Labels[] series = new Labels[seriesCount];
    for (int s = 0; s < seriesCount; s++) {
      int labelCount = count(rec, "labels");
      String[] nv = new String[labelCount * 2];
      for (int k = 0; k < nv.length; k++) {
        nv[k] = getString(rec);
      }
      series[s] = Labels.ofSorted(nv);
    }
    int n = count(rec, "samples");
    int[] index = new int[n];
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      long id = Varint.getUvarint(rec);
      if (id >= seriesCount) {
        throw new IllegalArgumentException("series index " + id + " out of range " + seriesCount);
      }
      index[i] = (int) id;
      t[i] = Varint.getVarint(rec);
      if (rec.remaining() < 8) {
        throw new IllegalArgumentException("truncated sample value");
      }
      v[i] = Double.longBitsToDouble(rec.getLong());
    }
    if (rec.hasRemaining()) {
      throw new IllegalArgumentException(rec.remaining() + " bytes after the last sample");
    }
    return new QueueRecord(series, index, t, v, segment, endOffset);
  }

  private static int count(ByteBuffer rec, String what) {
    long c = Varint.getUvarint(rec);
    if (c > rec.remaining()) {
      throw new IllegalArgumentException(what + " count " + c + " exceeds the record");
    }
    return (int) c;
  }

  private static String getString(ByteBuffer rec) {
    int len = count(rec, "string length");
    String s =
        new String(rec.array(), rec.arrayOffset() + rec.position(), len, StandardCharsets.UTF_8);
    rec.position(rec.position() + len);
    return s;
  }
}
