package io.moraine.logs.forward;

import io.airlift.compress.snappy.SnappyDecompressor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive reader of a snappy-compressed {@code logproto.PushRequest}, written apart
 * from the encoder so that a shared mistake cannot hide. Unknown fields fail the test.
 */
final class PushBodyDecoder {
  record Entry(long timestampNanos, String line, Map<String, String> metadata) {}

  record Stream(String labels, List<Entry> entries) {}

  private final byte[] b;
  private int pos;
  private final int end;

  private PushBodyDecoder(byte[] b, int pos, int end) {
    this.b = b;
    this.pos = pos;
    this.end = end;
  }

  static List<Stream> decodeSnappy(byte[] body) {
    int n = SnappyDecompressor.getUncompressedLength(body, 0);
    byte[] raw = new byte[n];
    int got = new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, n);
    if (got != n) {
      throw new AssertionError("snappy length mismatch");
    }
    PushBodyDecoder d = new PushBodyDecoder(raw, 0, n);
    List<Stream> streams = new ArrayList<>();
    while (d.pos < d.end) {
      long key = d.varint();
      expect(key, 1, 2);
      streams.add(d.sub().stream());
    }
    return streams;
  }

  private Stream stream() {
    String labels = "";
    List<Entry> entries = new ArrayList<>();
    while (pos < end) {
      long key = varint();
      switch ((int) (key >>> 3)) {
        case 1 -> {
          expect(key, 1, 2);
          labels = sub().string();
        }
        case 2 -> {
          expect(key, 2, 2);
          entries.add(sub().entry());
        }
        default -> throw new AssertionError("unexpected stream field " + (key >>> 3));
      }
    }
    return new Stream(labels, entries);
  }

  private Entry entry() {
    long seconds = 0;
    long nanos = 0;
    String line = "";
    Map<String, String> meta = new LinkedHashMap<>();
    while (pos < end) {
      long key = varint();
      switch ((int) (key >>> 3)) {
        case 1 -> {
          expect(key, 1, 2);
          PushBodyDecoder ts = sub();
          while (ts.pos < ts.end) {
            long k = ts.varint();
            if (k == (1 << 3)) {
              seconds = ts.varint();
            } else if (k == (2 << 3)) {
              nanos = ts.varint();
            } else {
              throw new AssertionError("unexpected timestamp key " + k);
            }
          }
        }
        case 2 -> {
          expect(key, 2, 2);
          line = sub().string();
        }
        case 3 -> {
          expect(key, 3, 2);
          PushBodyDecoder pair = sub();
          String name = "";
          String value = "";
          while (pair.pos < pair.end) {
            long k = pair.varint();
            String s = pair.sub().string();
            if (k == ((1 << 3) | 2)) {
              name = s;
            } else if (k == ((2 << 3) | 2)) {
              value = s;
            } else {
              throw new AssertionError("unexpected label pair key " + k);
            }
          }
          meta.put(name, value);
        }
        default -> throw new AssertionError("unexpected entry field " + (key >>> 3));
      }
    }
    return new Entry(seconds * 1_000_000_000L + nanos, line, meta);
  }

  private PushBodyDecoder sub() {
    int len = (int) varint();
    PushBodyDecoder d = new PushBodyDecoder(b, pos, pos + len);
    pos += len;
    if (pos > end) {
      throw new AssertionError("length runs past the message");
    }
    return d;
  }

  private String string() {
    return new String(b, pos, end - pos, StandardCharsets.UTF_8);
  }

  private long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b[pos++];
      v |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        return v;
      }
    }
    throw new AssertionError("varint too long");
  }

  private static void expect(long key, int field, int wireType) {
    if (key != (((long) field << 3) | wireType)) {
      throw new AssertionError("expected field " + field + " wire " + wireType + ", got " + key);
    }
  }
}
