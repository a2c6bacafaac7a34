package io.moraine.logs.push;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Loki's {@code logproto.PushRequest} (Loki 2.9 {@code pkg/push/push.proto}), the body of
 * {@code POST /loki/api/v1/push} with {@code Content-Type: application/x-protobuf} (or none),
 * snappy block-compressed as Promtail, Grafana Alloy and our agent send it. Fields: PushRequest
 * {@code streams = 1}; StreamAdapter {@code labels = 1} (text, {@code {a="b"}}), {@code entries =
 * 2}, {@code hash = 3} (ignored); EntryAdapter {@code timestamp = 1} (google.protobuf.Timestamp:
 * {@code seconds = 1}, {@code nanos = 2}), {@code line = 2}, {@code structuredMetadata = 3}
 * (LabelPairAdapter: {@code name = 1}, {@code value = 2}). Lines are not copied: they are slices of
 * the decompressed body. Stateless; thread-safe.
 */
public final class LokiProtobufDecoder {
  /** Bodies whose snappy header claims more than this are refused before allocating. */
  private final int maxDecodedBytes;

  /**
   * @param maxDecodedBytes the largest decompressed body accepted
   */
  public LokiProtobufDecoder(int maxDecodedBytes) {
    if (maxDecodedBytes <= 0) {
      throw new IllegalArgumentException("maxDecodedBytes must be positive: " + maxDecodedBytes);
    }
    this.maxDecodedBytes = maxDecodedBytes;
  }

  /**
   * Decompresses (snappy block format) and decodes {@code body[offset, offset + length)}.
   *
   * @throws InvalidPushException when the body is not snappy, too large, or not a PushRequest
   */
  public PushBatch decodeSnappy(byte[] body, int offset, int length) {
    int n;
    try {
      n = SnappyDecompressor.getUncompressedLength(body, offset);
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      throw new InvalidPushException("invalid snappy body: " + e.getMessage());
    }
    if (n < 0 || n > maxDecodedBytes) {
      throw new InvalidPushException(
          "snappy body decompresses to " + n + " bytes, more than the limit of " + maxDecodedBytes);
    }
    byte[] raw = new byte[n];
    try {
      int got = new SnappyDecompressor().decompress(body, offset, length, raw, 0, n);
      if (got != n) {
        throw new InvalidPushException("invalid snappy body: " + got + " of " + n + " bytes");
      }
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      throw new InvalidPushException("invalid snappy body: " + e.getMessage());
    }
    return decode(raw, 0, n);
  }

  /**
   * Decodes an uncompressed PushRequest; lines are slices of {@code raw}, which the batch owns
   * afterwards.
   *
   * @throws InvalidPushException naming the stream and entry that could not be decoded
   */
  public PushBatch decode(byte[] raw, int offset, int length) {
    ProtoReader r = new ProtoReader(raw, offset, length);
    List<PushStream> streams = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag >>> 3 != 1) {
        r.skipField(tag);
        continue;
      }
      PushStream stream = PushStream.ofText("");
      try {
        ProtoReader.expect(tag, ProtoReader.LEN, "streams");
        stream(r, r.readEnd(), stream);
      } catch (InvalidPushException e) {
        String labels = stream.labelsText();
        throw e.at(
            "stream "
                + streams.size()
                + (labels == null || labels.isEmpty() ? "" : " " + labels)
                + (stream.size() > 0 ? " after entry " + (stream.size() - 1) : ""));
      }
      streams.add(stream);
    }
    return new PushBatch(raw, streams);
  }

  private static void stream(ProtoReader r, int end, PushStream stream) {
    while (r.pos() < end) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          ProtoReader.expect(tag, ProtoReader.LEN, "labels");
          stream.labelsText(r.readString());
        }
        case 2 -> {
          ProtoReader.expect(tag, ProtoReader.LEN, "entries");
          entry(r, r.readEnd(), stream);
        }
        default -> r.skipField(tag);
      }
    }
  }

  private static void entry(ProtoReader r, int end, PushStream stream) {
    long ts = 0;
    int lineOffset = r.pos();
    int lineLength = 0;
    Labels.Builder meta = null;
    while (r.pos() < end) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          ProtoReader.expect(tag, ProtoReader.LEN, "timestamp");
          ts = timestamp(r, r.readEnd());
        }
        case 2 -> {
          ProtoReader.expect(tag, ProtoReader.LEN, "line");
          lineLength = r.readLength();
          lineOffset = r.pos();
          r.skip(lineLength);
        }
        case 3 -> {
          ProtoReader.expect(tag, ProtoReader.LEN, "structuredMetadata");
          if (meta == null) {
            meta = Labels.builder();
          }
          pair(r, r.readEnd(), meta);
        }
        default -> r.skipField(tag);
      }
    }
    stream.add(ts, lineOffset, lineLength, meta == null ? Labels.EMPTY : meta.build());
  }

  private static long timestamp(ProtoReader r, int end) {
    long seconds = 0;
    long nanos = 0;
    while (r.pos() < end) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> seconds = r.readVarint();
        case 2 -> nanos = (int) r.readVarint();
        default -> r.skipField(tag);
      }
    }
    if (nanos < 0 || nanos > 999_999_999L) {
      throw new InvalidPushException("timestamp nanos " + nanos + " out of range [0, 999999999]");
    }
    try {
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    } catch (ArithmeticException e) {
      throw new InvalidPushException("timestamp of " + seconds + " seconds out of range");
    }
  }

  private static void pair(ProtoReader r, int end, Labels.Builder meta) {
    String name = "";
    String value = "";
    while (r.pos() < end) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> name = r.readString();
        case 2 -> value = r.readString();
        default -> r.skipField(tag);
      }
    }
    meta.add(name, value);
  }
}
