package io.moraine.ingest.remotewrite;

/**
 * The newest timestamp appended per series within one request (open addressing over series ids,
 * which are never 0). Prometheus 2.42 checks a sample only against what the store has committed and
 * silently drops, at commit, one that is not newer than an earlier sample of the same series in the
 * same request; this table lets the receiver drop those before the store sees them. Not
 * thread-safe; one request at a time, {@link #reset} before each.
 */
final class LastTimes {
  private long[] ids = new long[0];
  private long[] times = new long[0];
  private int mask;

  /** Forgets everything and makes room for {@code series} series. */
  void reset(int series) {
    int cap = Integer.highestOneBit(Math.max(8, series * 2 - 1)) << 1;
    if (ids.length < cap) {
      ids = new long[cap];
      times = new long[cap];
    } else {
      cap = ids.length;
      java.util.Arrays.fill(ids, 0L);
    }
    mask = cap - 1;
  }

  /**
   * Records {@code t} for series {@code id} and returns true when it is newer than the last one
   * recorded for it in this request (or the first); returns false and records nothing otherwise.
   */
  boolean advance(long id, long t) {
    int slot = (int) (id * 0x9E37_79B9_7F4A_7C15L >>> 40) & mask;
    while (true) {
      long k = ids[slot];
      if (k == id) {
        if (t <= times[slot]) {
          return false;
        }
        times[slot] = t;
        return true;
      }
      if (k == 0) {
        ids[slot] = id;
        times[slot] = t;
        return true;
      }
      slot = (slot + 1) & mask;
    }
  }
}
