package io.moraine.rules.group;

import io.moraine.core.labels.Labels;

/**
 * Evaluation-time alignment: a group evaluates at {@code k * interval + offset}, with an offset
 * derived from a hash of its file and name, so that groups spread over the interval and a group
 * keeps its slots across restarts. (Prometheus hashes the same pair with xxhash; Moraine uses its
 * own stable hash, so the slots differ from Prometheus's but are just as stable.)
 */
final class Slots {
  private Slots() {}

  /** The group's offset within its interval, in {@code [0, intervalMillis)}. */
  static long offset(String file, String name, long intervalMillis) {
    long h = Labels.of("file", file, "name", name).stableHash();
    return Long.remainderUnsigned(h, intervalMillis);
  }

  /** The group's last slot at or before {@code nowMillis}. */
  static long slotAtOrBefore(long nowMillis, long offsetMillis, long intervalMillis) {
    long adjusted = nowMillis - offsetMillis;
    return adjusted - Math.floorMod(adjusted, intervalMillis) + offsetMillis;
  }

  /**
   * How many slots were skipped when the evaluation at {@code lastSlotMillis} is followed at {@code
   * nowMillis} (0 when {@code now} is within one interval of the next slot).
   */
  static long missed(long nowMillis, long lastSlotMillis, long intervalMillis) {
    return Math.max(0, (nowMillis - lastSlotMillis) / intervalMillis - 1);
  }
}
