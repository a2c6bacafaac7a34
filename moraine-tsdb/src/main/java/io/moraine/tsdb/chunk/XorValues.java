package io.moraine.tsdb.chunk;

/**
 * Gorilla value compression: each value's bits are XORed with the previous value's; a zero XOR
 * costs one bit, otherwise the meaningful bits are written inside the previous leading/trailing
 * zero window when they fit ({@code 10}), else with a new window ({@code 11}, 5 bits of leading
 * zeros, 6 bits of length with 64 written as 0). Shared by XOR chunks and DENSE's XOR value mode.
 */
final class XorValues {
  private XorValues() {}

  /** Writer state for one stream. */
  static final class Writer {
    private long prev;
    private int leading;
    private int trailing;

    /** Starts a stream with its first value, written raw. */
    void first(BitWriter w, long bits) {
      w.writeBits(bits, 64);
      prev = bits;
      leading = -1;
    }

    void next(BitWriter w, long bits) {
      long x = bits ^ prev;
      prev = bits;
      if (x == 0) {
        w.writeBits(0, 1);
        return;
      }
      int lz = Math.min(Long.numberOfLeadingZeros(x), 31);
      int tz = Long.numberOfTrailingZeros(x);
      if (leading >= 0 && lz >= leading && tz >= trailing) {
        int sig = 64 - leading - trailing;
        w.writeBits(0b10, 2);
        w.writeBits(x >>> trailing, sig);
        return;
      }
      leading = lz;
      trailing = tz;
      int sig = 64 - lz - tz;
      w.writeBits((0b11L << 11) | ((long) lz << 6) | (sig & 63), 13);
      w.writeBits(x >>> tz, sig);
    }
  }

  /** Reader state for one stream. */
  static final class Reader {
    private long prev;
    private int leading;
    private int trailing;

    long first(BitReader r) {
      prev = r.readBits(64);
      leading = 0;
      trailing = 0;
      return prev;
    }

    long next(BitReader r) {
      if (!r.readBit()) {
        return prev;
      }
      if (r.readBit()) {
        int header = (int) r.readBits(11);
        leading = header >>> 6;
        int sig = header & 63;
        if (sig == 0) {
          sig = 64;
        }
        trailing = 64 - leading - sig;
        if (trailing < 0) {
          throw new CorruptChunkException("XOR value window past 64 bits");
        }
      }
      int sig = 64 - leading - trailing;
      prev ^= r.readBits(sig) << trailing;
      return prev;
    }
  }
}
