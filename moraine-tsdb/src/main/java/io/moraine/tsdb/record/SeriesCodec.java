package io.moraine.tsdb.record;

import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes SERIES records (type {@link RecordType#SERIES}): refs as varint deltas
 * against the previous entry, labels as a count then length-prefixed UTF-8 names and values. The
 * layout is in {@code docs/format/wal.md}. Stateless and thread-safe. Series records are rare (new
 * series only), so decoding allocates the label strings.
 */
public final class SeriesCodec {
  private SeriesCodec() {}

  /** Appends one SERIES record holding every series of {@code in} to {@code out}. */
  public static void encode(SeriesBatch in, RecordBuffer out) {
    int n = in.size();
    byte[] b = out.ensure(1 + 10);
    int pos = out.size();
    b[pos++] = RecordType.SERIES;
    pos = Varint.putUvarint(b, pos, n);
    long prevRef = 0;
    for (int i = 0; i < n; i++) {
      Labels l = in.labels(i);
      int ref = in.ref(i);
      out.size(pos);
      b = out.ensure(10 + 5);
      pos = Varint.putVarint(b, pos, ref - prevRef);
      pos = Varint.putUvarint(b, pos, l.size());
      prevRef = ref;
      for (int j = 0; j < l.size(); j++) {
        out.size(pos);
        pos = putString(out, l.name(j));
        out.size(pos);
        pos = putString(out, l.value(j));
      }
    }
    out.size(pos);
  }

  /**
   * Decodes the SERIES record that is {@code record}'s remaining bytes into {@code out}, which is
   * cleared first. The buffer's position ends after the record.
   *
   * @throws MalformedRecordException on another type or bytes that do not parse
   */
  public static void decode(ByteBuffer record, SeriesBatch out) {
    out.clear();
    try {
      byte type = record.get();
      if (type != RecordType.SERIES) {
        throw new MalformedRecordException(
            "expected a SERIES record, found " + RecordType.name(type));
      }
      long n = Varint.getUvarint(record);
      if (n > record.remaining() / 2) {
        throw new MalformedRecordException("series count " + n + " past the end of the record");
      }
      long ref = 0;
      for (long i = 0; i < n; i++) {
        ref += Varint.getVarint(record);
        if (ref != (int) ref) {
          throw new MalformedRecordException("series ref " + ref + " out of int range");
        }
        long k = Varint.getUvarint(record);
        if (k > record.remaining() / 2) {
          throw new MalformedRecordException("label count " + k + " past the end of the record");
        }
        String[] kv = new String[(int) (2 * k)];
        for (int j = 0; j < kv.length; j++) {
          kv[j] = getString(record);
        }
        out.add((int) ref, Labels.ofSorted(kv));
      }
    } catch (BufferUnderflowException e) {
      throw new MalformedRecordException("truncated SERIES record", e);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("bad SERIES record: " + e.getMessage(), e);
    }
  }

  /** Writes a length-prefixed UTF-8 string at {@code out.size()}; returns the end position. */
  private static int putString(RecordBuffer out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    byte[] b = out.ensure(5 + utf8.length);
    int pos = Varint.putUvarint(b, out.size(), utf8.length);
    System.arraycopy(utf8, 0, b, pos, utf8.length);
    return pos + utf8.length;
  }

  private static String getString(ByteBuffer in) {
    long len = Varint.getUvarint(in);
    if (len > in.remaining()) {
      throw new MalformedRecordException("string of " + len + " bytes past the end of the record");
    }
    int n = (int) len;
    String s;
    if (in.hasArray()) {
      s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
      in.position(in.position() + n);
    } else {
      byte[] tmp = new byte[n];
      in.get(tmp);
      s = new String(tmp, StandardCharsets.UTF_8);
    }
    return s;
  }
}
