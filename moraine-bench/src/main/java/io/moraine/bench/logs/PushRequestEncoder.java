package io.moraine.bench.logs;

import io.airlift.compress.snappy.SnappyCompressor;
import io.moraine.core.encoding.Varint;
import java.util.Arrays;

/**
 * Encodes a {@link PushBatch} as Loki's {@code logproto.PushRequest} in protobuf and compresses it
 * with snappy's block format, as Promtail sends {@code /loki/api/v1/push}. Field numbers (Loki 2.9,
 * {@code pkg/push/push.proto}): PushRequest.streams = 1; StreamAdapter.labels = 1, entries = 2;
 * EntryAdapter.timestamp = 1 (google.protobuf.Timestamp: seconds = 1, nanos = 2), line = 2. Entries
 * are grouped by stream in the batch's order. Not thread-safe; buffers are reused.
 */
final class PushRequestEncoder {
  private static final int LEN = 2;
  private static final int VARINT = 0;

  private final byte[][] labels;
  private final SnappyCompressor snappy = new SnappyCompressor();
  private int[] counts;
  private int[] order = new int[1024];
  private int[] starts;
  private byte[] buf = new byte[1 << 21];
  private byte[] compressed = new byte[1 << 21];
  private int pos;

  /**
   * @param labels each stream's labels in Loki's form, UTF-8, by stream index
   */
  PushRequestEncoder(byte[][] labels) {
    this.labels = labels.clone();
    counts = new int[labels.length];
    starts = new int[labels.length + 1];
  }

  /** The uncompressed request for {@code batch}: {@code buf()[0, returned)}. */
  int encode(PushBatch batch) {
    groupByStream(batch);
    pos = 0;
    for (int s = 0; s < labels.length; s++) {
      if (starts[s] == starts[s + 1]) {
        continue;
      }
      int streamSize = field(labels[s].length);
      for (int k = starts[s]; k < starts[s + 1]; k++) {
        streamSize += field(entrySize(batch, order[k]));
      }
      ensure(field(streamSize));
      tag(1, LEN);
      uvarint(streamSize);
      tag(1, LEN);
      uvarint(labels[s].length);
      put(labels[s], 0, labels[s].length);
      for (int k = starts[s]; k < starts[s + 1]; k++) {
        entry(batch, order[k]);
      }
    }
    return pos;
  }

  byte[] buf() {
    return buf;
  }

  /** The snappy-compressed request for {@code batch}, a fresh array. */
  byte[] encodeCompressed(PushBatch batch) {
    int n = encode(batch);
    int max = snappy.maxCompressedLength(n);
    if (compressed.length < max) {
      compressed = new byte[max];
    }
    int c = snappy.compress(buf, 0, n, compressed, 0, compressed.length);
    return Arrays.copyOf(compressed, c);
  }

  /** A counting sort of the batch's entries by stream, keeping their order within a stream. */
  private void groupByStream(PushBatch batch) {
    int n = batch.size();
    if (order.length < n) {
      order = new int[Math.max(n, order.length * 2)];
    }
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      counts[batch.stream(i)]++;
    }
    starts[0] = 0;
    for (int s = 0; s < labels.length; s++) {
      starts[s + 1] = starts[s] + counts[s];
      counts[s] = starts[s];
    }
    for (int i = 0; i < n; i++) {
      order[counts[batch.stream(i)]++] = i;
    }
  }

  private void entry(PushBatch batch, int i) {
    long t = batch.nanos(i);
    long seconds = Math.floorDiv(t, 1_000_000_000L);
    long nanos = Math.floorMod(t, 1_000_000_000L);
    tag(2, LEN);
    uvarint(entrySize(batch, i));
    tag(1, LEN);
    uvarint(timestampSize(seconds, nanos));
    if (seconds != 0) {
      tag(1, VARINT);
      uvarint(seconds);
    }
    if (nanos != 0) {
      tag(2, VARINT);
      uvarint(nanos);
    }
    tag(2, LEN);
    uvarint(batch.length(i));
    put(batch.lines(), batch.offset(i), batch.length(i));
  }

  private static int entrySize(PushBatch batch, int i) {
    long t = batch.nanos(i);
    int ts = timestampSize(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    return field(ts) + field(batch.length(i));
  }

  /** proto3 leaves zero fields out. */
  private static int timestampSize(long seconds, long nanos) {
    return (seconds == 0 ? 0 : 1 + Varint.uvarintSize(seconds))
        + (nanos == 0 ? 0 : 1 + Varint.uvarintSize(nanos));
  }

  /** The size of a length-delimited field (one-byte tag, length, payload). */
  private static int field(int length) {
    return 1 + Varint.uvarintSize(length) + length;
  }

  private void tag(int number, int wireType) {
    ensure(1);
    buf[pos++] = (byte) (number << 3 | wireType);
  }

  private void uvarint(long v) {
    ensure(10);
    pos = Varint.putUvarint(buf, pos, v);
  }

  private void put(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }
}
