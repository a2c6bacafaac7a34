package io.moraine.testkit.data;

/**
 * Stateless randomness: a uniform double in [0, 1) for any (seed, stream, step, salt), so that a
 * value at any step can be recomputed in any order with the same result.
 */
final class Noise {
  private Noise() {}

  static double unit(long seed, long stream, long step, long salt) {
    long h = mix(seed ^ mix(stream * 0x9E3779B97F4A7C15L ^ mix(step + 0x632BE59BD9B4E019L * salt)));
    return (h >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
