package io.moraine.logs.bloom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Bloom filter over the 4-grams of token bytes ({@code [A-Za-z0-9_]}) of a block's lines. It can
 * prove that a needle occurs in no line of the block, never that it occurs. Immutable once built;
 * thread-safe for reads.
 *
 * <p>Why 4-grams of token bytes: a needle that starts or ends mid-token ({@code "rror"}, {@code
 * "a1b2-c3"}) is still covered, since every token-byte 4-gram of the needle is a token-byte 4-gram
 * of any line holding the needle; punctuation is left out because it adds grams without telling
 * blocks apart. Encoded as {@code k u8 | words u32 | words * u64} ({@code
 * docs/format/logs-segment.md}).
 */
public final class TokenFilter {
  /** A filter that never proves anything absent. */
  public static final TokenFilter ALL = new TokenFilter(0, new long[0]);

  private final int k;
  private final long[] bits;

  TokenFilter(int k, long[] bits) {
    this.k = k;
    this.bits = bits;
  }

  /** Size of the encoded filter in bytes. */
  public int encodedSize() {
    return 5 + bits.length * 8;
  }

  /** Writes the filter at the buffer's position. */
  public void writeTo(ByteBuffer out) {
    out.put((byte) k).putInt(bits.length);
    for (long w : bits) {
      out.putLong(w);
    }
  }

  /**
   * Reads a filter written by {@link #writeTo}.
   *
   * @throws IllegalArgumentException when the bytes are not a filter
   */
  public static TokenFilter read(ByteBuffer in) {
    int k = in.get() & 0xFF;
    int words = in.getInt();
    if (words < 0 || words > in.remaining() / 8 || (words > 0 && (k < 1 || k > 16))) {
      throw new IllegalArgumentException("bad token filter (k " + k + ", words " + words + ")");
    }
    long[] bits = new long[words];
    for (int i = 0; i < words; i++) {
      bits[i] = in.getLong();
    }
    return words == 0 ? ALL : new TokenFilter(k, bits);
  }

  /**
   * Whether the needle may occur in a line of the block: false only when one of its token-byte
   * 4-grams is absent, which proves that no line contains it.
   */
  public boolean mightContain(String needle) {
    if (bits.length == 0) {
      return true;
    }
    byte[] b = needle.getBytes(StandardCharsets.UTF_8);
    int run = 0;
    for (int i = 0; i < b.length; i++) {
      if (!isToken(b[i])) {
        run = 0;
        continue;
      }
      if (++run >= 4 && !contains(gram(b, i - 3))) {
        return false;
      }
    }
    return true;
  }

  boolean contains(int gram) {
    return probe(gram, false);
  }

  void add(int gram) {
    probe(gram, true);
  }

  /**
   * Visits the gram's {@code k} bits (double hashing of one 64-bit mix), setting them when {@code
   * set}; false when probing (not setting) finds one clear.
   */
  private boolean probe(int gram, boolean set) {
    long h = mix(gram);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32) | 1;
    long m = (long) bits.length * 64;
    for (int i = 0; i < k; i++) {
      long pos = Integer.toUnsignedLong(h1 + i * h2) % m;
      int word = (int) (pos >>> 6);
      long bit = 1L << pos;
      if (set) {
        bits[word] |= bit;
      } else if ((bits[word] & bit) == 0) {
        return false;
      }
    }
    return true;
  }

  static int gram(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }

  static boolean isToken(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** A 64-bit finaliser (splitmix64's) so that similar grams land far apart. */
  static long mix(int gram) {
    long z = gram * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
