package io.moraine.agent.logtail;

import io.airlift.compress.snappy.SnappyCompressor;
import io.moraine.core.encoding.Varint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes Loki's {@code logproto.PushRequest} by hand and compresses it in the snappy block format,
 * as {@code /loki/api/v1/push} takes with {@code Content-Type: application/x-protobuf}. Field
 * numbers from Loki's {@code push.proto}: PushRequest.streams = 1; Stream.labels = 1,
 * Stream.entries = 2; Entry.timestamp = 1 (google.protobuf.Timestamp: seconds = 1, nanos = 2),
 * Entry.line = 2. Not thread-safe.
 */
final class PushEncoder {
  /** The entries of one stream, in order; {@code lines} are UTF-8. */
  record StreamEntries(String labels, long[] timesNanos, List<byte[]> lines) {}

  private final SnappyCompressor snappy = new SnappyCompressor();
  private byte[] buf = new byte[1 << 12];
  private int pos;

  /** The snappy-compressed request for {@code streams}. */
  byte[] encode(List<StreamEntries> streams) {
    pos = 0;
    for (StreamEntries s : streams) {
      byte[] labels = s.labels().getBytes(StandardCharsets.UTF_8);
      int n = s.lines().size();
      int[] entrySizes = new int[n];
      int streamSize = field(labels.length);
      for (int i = 0; i < n; i++) {
        entrySizes[i] = field(timestampSize(s.timesNanos()[i])) + field(s.lines().get(i).length);
        streamSize += field(entrySizes[i]);
      }
      tag(1, 2);
      uvarint(streamSize);
      tag(1, 2);
      bytes(labels);
      for (int i = 0; i < n; i++) {
        long t = s.timesNanos()[i];
        long secs = Math.floorDiv(t, 1_000_000_000L);
        long nanos = Math.floorMod(t, 1_000_000_000L);
        tag(2, 2);
        uvarint(entrySizes[i]);
        tag(1, 2);
        uvarint(timestampSize(t));
        if (secs != 0) {
          tag(1, 0);
          uvarint(secs);
        }
        if (nanos != 0) {
          tag(2, 0);
          uvarint(nanos);
        }
        tag(2, 2);
        bytes(s.lines().get(i));
      }
    }
    byte[] out = new byte[snappy.maxCompressedLength(pos)];
    int n = snappy.compress(buf, 0, pos, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  /** Size of a google.protobuf.Timestamp message; zero fields are left out. */
  private static int timestampSize(long t) {
    long secs = Math.floorDiv(t, 1_000_000_000L);
    long nanos = Math.floorMod(t, 1_000_000_000L);
    return (secs == 0 ? 0 : 1 + Varint.uvarintSize(secs))
        + (nanos == 0 ? 0 : 1 + Varint.uvarintSize(nanos));
  }

  /** Size of a length-delimited field with a one-byte tag. */
  private static int field(int length) {
    return 1 + Varint.uvarintSize(length) + length;
  }

  private void tag(int number, int wireType) {
    uvarint((number << 3) | wireType);
  }

  private void uvarint(long v) {
    ensure(10);
    pos = Varint.putUvarint(buf, pos, v);
  }

  /** A length-delimited value: its length, then its bytes. */
  private void bytes(byte[] b) {
    uvarint(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }
}
