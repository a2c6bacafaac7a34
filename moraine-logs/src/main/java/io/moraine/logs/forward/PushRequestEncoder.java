package io.moraine.logs.forward;

import io.airlift.compress.snappy.SnappyCompressor;
import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import java.util.Arrays;

/**
 * Encodes a {@link PendingBatch} as Loki 2.9's {@code logproto.PushRequest} ({@code
 * pkg/push/push.proto}) and compresses it as one snappy block, the body Promtail sends. Field
 * numbers: PushRequest.streams 1; StreamAdapter.labels 1, .entries 2; EntryAdapter.timestamp 1
 * ({@code google.protobuf.Timestamp}: seconds 1, nanos 2), .line 2, .structuredMetadata 3;
 * LabelPairAdapter.name 1, .value 2. Streams are written in the batch's order, entries in each
 * stream's order. Public for the logs push load generator of moraine-bench. Not thread-safe: one
 * per sender, buffers reused.
 */
public final class PushRequestEncoder {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ProtoBuffer buf = new ProtoBuffer();
  private final SnappyCompressor snappy = new SnappyCompressor();
  private byte[] compressed = new byte[0];

  /** The snappy-compressed body; a fresh array the caller owns. */
  public byte[] encode(PendingBatch batch) {
    buf.reset();
    for (PendingBatch.Stream s : batch.streams()) {
      int labelsLength = ProtoBuffer.utf8Length(s.labels());
      int streamSize = ProtoBuffer.lenFieldSize(labelsLength);
      for (ForwardEntry e : s.entries()) {
        streamSize += ProtoBuffer.lenFieldSize(entrySize(e));
      }
      buf.tag(1, ProtoBuffer.LEN);
      buf.varint(streamSize);
      buf.tag(1, ProtoBuffer.LEN);
      buf.varint(labelsLength);
      buf.utf8(s.labels());
      for (ForwardEntry e : s.entries()) {
        buf.tag(2, ProtoBuffer.LEN);
        buf.varint(entrySize(e));
        writeEntry(e);
      }
    }
    int max = snappy.maxCompressedLength(buf.size());
    if (compressed.length < max) {
      compressed = new byte[max];
    }
    int n = snappy.compress(buf.array(), 0, buf.size(), compressed, 0, compressed.length);
    return Arrays.copyOf(compressed, n);
  }

  private void writeEntry(ForwardEntry e) {
    long seconds = Math.floorDiv(e.timestampNanos(), NANOS_PER_SECOND);
    long nanos = Math.floorMod(e.timestampNanos(), NANOS_PER_SECOND);
    buf.tag(1, ProtoBuffer.LEN);
    buf.varint(timestampSize(seconds, nanos));
    if (seconds != 0) {
      buf.tag(1, ProtoBuffer.VARINT);
      buf.varint(seconds);
    }
    if (nanos != 0) {
      buf.tag(2, ProtoBuffer.VARINT);
      buf.varint(nanos);
    }
    if (e.line().length > 0) {
      buf.tag(2, ProtoBuffer.LEN);
      buf.varint(e.line().length);
      buf.write(e.line());
    }
    Labels meta = e.metadata();
    for (int i = 0; i < meta.size(); i++) {
      buf.tag(3, ProtoBuffer.LEN);
      buf.varint(pairSize(meta.name(i), meta.value(i)));
      stringField(1, meta.name(i));
      stringField(2, meta.value(i));
    }
  }

  private void stringField(int field, String s) {
    if (!s.isEmpty()) {
      buf.tag(field, ProtoBuffer.LEN);
      buf.varint(ProtoBuffer.utf8Length(s));
      buf.utf8(s);
    }
  }

  private static int entrySize(ForwardEntry e) {
    long seconds = Math.floorDiv(e.timestampNanos(), NANOS_PER_SECOND);
    long nanos = Math.floorMod(e.timestampNanos(), NANOS_PER_SECOND);
    int size = ProtoBuffer.lenFieldSize(timestampSize(seconds, nanos));
    if (e.line().length > 0) {
      size += ProtoBuffer.lenFieldSize(e.line().length);
    }
    Labels meta = e.metadata();
    for (int i = 0; i < meta.size(); i++) {
      size += ProtoBuffer.lenFieldSize(pairSize(meta.name(i), meta.value(i)));
    }
    return size;
  }

  private static int timestampSize(long seconds, long nanos) {
    int size = 0;
    if (seconds != 0) {
      size += 1 + Varint.uvarintSize(seconds);
    }
    if (nanos != 0) {
      size += 1 + Varint.uvarintSize(nanos);
    }
    return size;
  }

  private static int pairSize(String name, String value) {
    return stringFieldSize(name) + stringFieldSize(value);
  }

  private static int stringFieldSize(String s) {
    return s.isEmpty() ? 0 : ProtoBuffer.lenFieldSize(ProtoBuffer.utf8Length(s));
  }
}
