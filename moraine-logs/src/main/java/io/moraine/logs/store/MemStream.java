package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.logs.segment.BlockCodec;
import io.moraine.logs.segment.EncodedBlock;
import io.moraine.logs.segment.EntryBlock;
import io.moraine.logs.wal.LogWal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One stream in the head: its open block as one growing byte array (per entry: timestamp u64,
 * metadata index u32, line length u32, line bytes) and its cut blocks waiting for a flush. All
 * methods are synchronized on the stream. An open array is never written below its length once
 * published and is replaced (not reused) on a cut, so a reader's snapshot stays valid unlocked.
 */
final class MemStream {
  static final int ENTRY_HEADER = 16;

  /** A cut block held in memory until flushed. */
  record CutBlock(
      EncodedBlock block, int walSegment, long lastWalPosition, int lastIndex, long seq) {}

  /** A consistent view of the open block for a reader. */
  record OpenSnapshot(byte[] buf, int length, int count, Labels[] metas, long minTs, long maxTs) {}

  final Labels labels;
  private byte[] buf = new byte[256];
  private int length;
  private int count;
  private Labels[] metas = new Labels[4];
  private int metaCount;
  private long openMin = Long.MAX_VALUE;
  private long openMax = Long.MIN_VALUE;
  private int openWalSegment;
  private long openLastPosition;
  private int openLastIndex;
  private long openSinceMillis;
  private long lastAppendMillis;
  private long maxTs = Long.MIN_VALUE;
  private long[] dedupKeys = new long[64];
  private int[] dedupAt = new int[64];
  private int dedupSize;
  private final List<CutBlock> cut = new ArrayList<>();

  MemStream(Labels labels) {
    this.labels = labels;
  }

  /** Highest timestamp accepted so far (Long.MIN_VALUE when none). */
  synchronized long maxTs() {
    return maxTs;
  }

  /**
   * Adds an entry unless an equal one (timestamp and line) is in the open block.
   *
   * @return the bytes added to the head (0 for a duplicate)
   */
  synchronized int add(
      long ts, byte[] line, int off, int len, Labels meta, long walPos, int index, long now) {
    long key = dedupKey(ts, line, off, len);
    if (isDuplicate(key, ts, line, off, len)) {
      return 0;
    }
    int need = length + ENTRY_HEADER + len;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
    int at = length;
    putLong(buf, at, ts);
    putInt(buf, at + 8, metaIndex(meta));
    putInt(buf, at + 12, len);
    System.arraycopy(line, off, buf, at + ENTRY_HEADER, len);
    length = need;
    if (count++ == 0) {
      openWalSegment = LogWal.segmentOf(walPos);
      openSinceMillis = now;
    }
    openLastPosition = walPos;
    openLastIndex = index;
    remember(key, at);
    openMin = Math.min(openMin, ts);
    openMax = Math.max(openMax, ts);
    maxTs = Math.max(maxTs, ts);
    lastAppendMillis = now;
    return ENTRY_HEADER + len;
  }

  /** Line bytes of the open block. */
  synchronized int openLineBytes() {
    return length - count * ENTRY_HEADER;
  }

  synchronized boolean hasOpen() {
    return count > 0;
  }

  synchronized long openSinceMillis() {
    return openSinceMillis;
  }

  synchronized long lastAppendMillis() {
    return lastAppendMillis;
  }

  /**
   * Sorts and compresses the open block into a cut block and starts a new open block.
   *
   * @return the change of head bytes (compressed block size minus open block size)
   */
  synchronized long cut(BlockCodec codec, EntryBlock scratch, double filterBudget, long seq) {
    if (count == 0) {
      return 0;
    }
    EncodedBlock encoded;
    scratch.clear();
    OpenSnapshot s = snapshotLocked();
    fill(s, scratch);
    scratch.sortByTime();
    encoded = codec.encode(scratch, filterBudget);
    cut.add(new CutBlock(encoded, openWalSegment, openLastPosition, openLastIndex, seq));
    long delta = encoded.bytes().length - (long) length;
    buf = new byte[256];
    length = 0;
    count = 0;
    metas = new Labels[4];
    metaCount = 0;
    openMin = Long.MAX_VALUE;
    openMax = Long.MIN_VALUE;
    dedupKeys = new long[64];
    dedupAt = new int[64];
    dedupSize = 0;
    return delta;
  }

  /** The cut blocks, oldest first (a copy). */
  synchronized List<CutBlock> cutBlocks() {
    return List.copyOf(cut);
  }

  /** Forgets cut blocks that were flushed. */
  synchronized void removeFlushed(List<CutBlock> flushed) {
    cut.removeAll(flushed);
  }

  /** The oldest WAL segment holding an unflushed entry of this stream, or MAX_VALUE. */
  synchronized int oldestWalSegment() {
    int min = count > 0 ? openWalSegment : Integer.MAX_VALUE;
    for (CutBlock c : cut) {
      min = Math.min(min, c.walSegment());
    }
    return min;
  }

  synchronized boolean isEmpty() {
    return count == 0 && cut.isEmpty();
  }

  synchronized @org.jspecify.annotations.Nullable OpenSnapshot snapshot() {
    return count == 0 ? null : snapshotLocked();
  }

  private OpenSnapshot snapshotLocked() {
    return new OpenSnapshot(buf, length, count, metas, openMin, openMax);
  }

  /** Decodes a snapshot of an open block into {@code into}, in append order. */
  static void fill(OpenSnapshot s, EntryBlock into) {
    byte[] b = s.buf();
    int at = 0;
    for (int i = 0; i < s.count(); i++) {
      long ts = getLong(b, at);
      int mi = getInt(b, at + 8);
      int len = getInt(b, at + 12);
      Labels m = mi < 0 ? Labels.EMPTY : s.metas()[mi];
      into.add(ts, b, at + ENTRY_HEADER, len, m);
      at += ENTRY_HEADER + len;
    }
  }

  private int metaIndex(Labels meta) {
    if (meta.isEmpty()) {
      return -1;
    }
    for (int i = metaCount - 1; i >= 0 && i >= metaCount - 8; i--) {
      if (metas[i].equals(meta)) {
        return i;
      }
    }
    if (metaCount == metas.length) {
      metas = Arrays.copyOf(metas, metas.length * 2);
    }
    metas[metaCount] = meta;
    return metaCount++;
  }

  private boolean isDuplicate(long key, long ts, byte[] line, int off, int len) {
    int mask = dedupKeys.length - 1;
    for (int i = (int) key & mask; dedupAt[i] != 0; i = (i + 1) & mask) {
      if (dedupKeys[i] == key) {
        int at = dedupAt[i] - 1;
        if (getLong(buf, at) == ts
            && getInt(buf, at + 12) == len
            && Arrays.equals(
                buf, at + ENTRY_HEADER, at + ENTRY_HEADER + len, line, off, off + len)) {
          return true;
        }
      }
    }
    return false;
  }

  private void remember(long key, int at) {
    if ((dedupSize + 1) * 2 > dedupKeys.length) {
      long[] ok = dedupKeys;
      int[] oa = dedupAt;
      dedupKeys = new long[ok.length * 2];
      dedupAt = new int[ok.length * 2];
      dedupSize = 0;
      for (int i = 0; i < ok.length; i++) {
        if (oa[i] != 0) {
          insert(ok[i], oa[i]);
        }
      }
    }
    insert(key, at + 1);
  }

  private void insert(long key, int atPlusOne) {
    int mask = dedupKeys.length - 1;
    int i = (int) key & mask;
    while (dedupAt[i] != 0) {
      i = (i + 1) & mask;
    }
    dedupKeys[i] = key;
    dedupAt[i] = atPlusOne;
    dedupSize++;
  }

  private static long dedupKey(long ts, byte[] line, int off, int len) {
    long h = ts * 0x9E3779B97F4A7C15L;
    for (int i = off; i < off + len; i++) {
      h = (h ^ line[i]) * 0x100000001B3L;
    }
    return h ^ (h >>> 29);
  }

  static void putLong(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >>> (56 - 8 * i));
    }
  }

  static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }
}
