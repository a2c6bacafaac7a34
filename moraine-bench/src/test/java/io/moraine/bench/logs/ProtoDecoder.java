package io.moraine.bench.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny protobuf reader for {@code logproto.PushRequest}, written from the wire format alone so
 * that the encoder is checked against an independent reading. Skips unknown fields.
 */
final class ProtoDecoder {
  record Entry(long nanos, String line) {}

  record Stream(String labels, List<Entry> entries) {}

  private final byte[] buf;
  private int pos;
  private final int end;

  private ProtoDecoder(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  static List<Stream> pushRequest(byte[] buf, int length) {
    ProtoDecoder d = new ProtoDecoder(buf, 0, length);
    List<Stream> streams = new ArrayList<>();
    while (d.pos < d.end) {
      int tag = (int) d.varint();
      if (tag == (1 << 3 | 2)) {
        streams.add(d.sub().stream());
      } else {
        d.skip(tag);
      }
    }
    return streams;
  }

  private Stream stream() {
    String labels = "";
    List<Entry> entries = new ArrayList<>();
    while (pos < end) {
      int tag = (int) varint();
      switch (tag) {
        case 1 << 3 | 2 -> labels = sub().string();
        case 2 << 3 | 2 -> entries.add(sub().entry());
        default -> skip(tag);
      }
    }
    return new Stream(labels, entries);
  }

  private Entry entry() {
    long nanos = 0;
    String line = "";
    while (pos < end) {
      int tag = (int) varint();
      switch (tag) {
        case 1 << 3 | 2 -> nanos = sub().timestamp();
        case 2 << 3 | 2 -> line = sub().string();
        default -> skip(tag);
      }
    }
    return new Entry(nanos, line);
  }

  private long timestamp() {
    long seconds = 0;
    long nanos = 0;
    while (pos < end) {
      int tag = (int) varint();
      switch (tag) {
        case 1 << 3 -> seconds = varint();
        case 2 << 3 -> nanos = varint();
        default -> skip(tag);
      }
    }
    return seconds * 1_000_000_000L + nanos;
  }

  private ProtoDecoder sub() {
    int n = (int) varint();
    if (n < 0 || pos + n > end) {
      throw new IllegalArgumentException("length " + n + " past the message end at " + pos);
    }
    ProtoDecoder d = new ProtoDecoder(buf, pos, pos + n);
    pos += n;
    return d;
  }

  private String string() {
    String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
    pos = end;
    return s;
  }

  private long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buf[pos++];
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint too long at " + pos);
  }

  private void skip(int tag) {
    switch (tag & 7) {
      case 0 -> varint();
      case 1 -> pos += 8;
      case 2 -> sub();
      case 5 -> pos += 4;
      default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " at " + pos);
    }
  }
}
