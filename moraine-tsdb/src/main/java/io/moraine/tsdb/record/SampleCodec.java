package io.moraine.tsdb.record;

import io.moraine.core.encoding.Varint;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes SAMPLES records (type {@link RecordType#SAMPLES}); the layout is in {@code
 * docs/format/wal.md}. Refs and timestamps are varint deltas against the previous sample; values
 * are the XOR of their raw bits with the previous value's, leading and trailing zero bytes dropped,
 * so every value, NaN payloads included, round-trips bit-exact. Stateless and thread-safe;
 * allocates nothing per sample.
 */
public final class SampleCodec {
  /** Worst case per sample: a 5-byte ref delta varint, a 10-byte time delta, 9 value bytes. */
  private static final int MAX_BYTES_PER_SAMPLE = 5 + 10 + 9;

  /** Control byte of an all-zero XOR: eight leading zero bytes. */
  private static final int XOR_ZERO = 0x80;

  private SampleCodec() {}

  /** Appends one SAMPLES record holding every sample of {@code in} to {@code out}. */
  public static void encode(SampleBatch in, RecordBuffer out) {
    int n = in.size();
    byte[] b = out.ensure(1 + 10 + n * MAX_BYTES_PER_SAMPLE);
    int pos = out.size();
    b[pos++] = RecordType.SAMPLES;
    pos = Varint.putUvarint(b, pos, n);
    int[] refs = in.refs();
    long[] ts = in.ts();
    double[] vs = in.vs();
    long prevRef = 0;
    long prevT = 0;
    long prevBits = 0;
    for (int i = 0; i < n; i++) {
      pos = Varint.putVarint(b, pos, refs[i] - prevRef);
      pos = Varint.putVarint(b, pos, ts[i] - prevT);
      long bits = Double.doubleToRawLongBits(vs[i]);
      pos = putXor(b, pos, bits ^ prevBits);
      prevRef = refs[i];
      prevT = ts[i];
      prevBits = bits;
    }
    out.size(pos);
  }

  /**
   * Decodes the SAMPLES record that is {@code record}'s remaining bytes into {@code out}, which is
   * cleared first. The buffer's position ends after the record.
   *
   * @throws MalformedRecordException on another type or bytes that do not parse
   */
  public static void decode(ByteBuffer record, SampleBatch out) {
    out.clear();
    try {
      byte type = record.get();
      if (type != RecordType.SAMPLES) {
        throw new MalformedRecordException(
            "expected a SAMPLES record, found " + RecordType.name(type));
      }
      long count = Varint.getUvarint(record);
      // each sample takes at least three bytes: refuse counts that cannot be there
      if (count > record.remaining() / 3) {
        throw new MalformedRecordException(
            "sample count " + count + " exceeds the " + record.remaining() + " bytes left");
      }
      int n = (int) count;
      out.ensureCapacity(n);
      int[] refs = out.refs();
      long[] ts = out.ts();
      double[] vs = out.vs();
      long ref = 0;
      long t = 0;
      long bits = 0;
      for (int i = 0; i < n; i++) {
        ref += Varint.getVarint(record);
        t += Varint.getVarint(record);
        bits ^= getXor(record);
        if (ref != (int) ref) {
          throw new MalformedRecordException("series ref " + ref + " out of int range");
        }
        refs[i] = (int) ref;
        ts[i] = t;
        vs[i] = Double.longBitsToDouble(bits);
      }
      out.size(n);
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
      throw new MalformedRecordException("truncated SAMPLES record: " + e.getMessage(), e);
    }
  }

  private static int putXor(byte[] b, int pos, long x) {
    if (x == 0) {
      b[pos++] = (byte) XOR_ZERO;
      return pos;
    }
    int lead = Long.numberOfLeadingZeros(x) >>> 3;
    int trail = Long.numberOfTrailingZeros(x) >>> 3;
    b[pos++] = (byte) ((lead << 4) | trail);
    for (int shift = 56 - 8 * lead; shift >= 8 * trail; shift -= 8) {
      b[pos++] = (byte) (x >>> shift);
    }
    return pos;
  }

  private static long getXor(ByteBuffer in) {
    int control = in.get() & 0xFF;
    if (control == XOR_ZERO) {
      return 0;
    }
    int lead = control >>> 4;
    int trail = control & 0x0F;
    if (lead + trail >= 8) {
      throw new MalformedRecordException("bad value control byte " + control);
    }
    long x = 0;
    for (int i = lead + trail; i < 8; i++) {
      x = (x << 8) | (in.get() & 0xFF);
    }
    return x << (8 * trail);
  }
}
