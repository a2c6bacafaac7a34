package io.moraine.tsdb.block;

import io.moraine.core.time.Clock;
import java.util.random.RandomGenerator;

/**
 * ULIDs (https://github.com/ulid/spec): 128 bits, a 48-bit millisecond timestamp then 80 random
 * bits, written as 26 characters of Crockford base32 (upper case). Sorting ids as strings sorts
 * them by creation time, which is why blocks are named by them. Stateless and thread-safe; the
 * randomness is the given generator's.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int LENGTH = 26;
  private static final long MAX_TIME = (1L << 48) - 1;

  private Ulid() {}

  /** A new id stamped with {@code clock.nowMillis()}. */
  public static String generate(Clock clock, RandomGenerator random) {
    return generate(clock.nowMillis(), random);
  }

  /**
   * A new id stamped with {@code timeMillis}.
   *
   * @throws IllegalArgumentException when the time is negative or beyond 48 bits
   */
  public static String generate(long timeMillis, RandomGenerator random) {
    if (timeMillis < 0 || timeMillis > MAX_TIME) {
      throw new IllegalArgumentException("ULID time out of range: " + timeMillis);
    }
    long hi = (timeMillis << 16) | (random.nextLong() & 0xFFFF);
    long lo = random.nextLong();
    char[] out = new char[LENGTH];
    // 26 chars x 5 bits = 130 bits: the 128-bit value with two leading zero bits.
    for (int i = LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo = (lo >>> 5) | (hi << 59);
      hi >>>= 5;
    }
    return new String(out);
  }

  /** Whether {@code s} is a well-formed ULID as this class writes them. */
  public static boolean isValid(String s) {
    if (s.length() != LENGTH || s.charAt(0) > '7') {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (decode(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The timestamp of an id, ms since the epoch.
   *
   * @throws IllegalArgumentException when {@code id} is not a valid ULID
   */
  public static long timeMillis(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("not a ULID: " + id);
    }
    long t = 0;
    for (int i = 0; i < 10; i++) {
      t = (t << 5) | decode(id.charAt(i));
    }
    return t; // 10 chars = 50 bits, the top two are zero for a valid id
  }

  private static int decode(char c) {
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
