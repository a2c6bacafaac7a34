package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One parser's memory of series it has met: the raw bytes of {@code name{labels}} plus the type
 * class that decides label normalisation, each an entry with its series id. Keys either point into
 * the one input the table was made for (offset and length, no copy: bulk import of a mapped file)
 * or are copied into the table's own storage ({@link #copying}: a scrape parser that meets the same
 * keys in every new body). Entries are found by hash (open addressing over entry numbers) or,
 * cheaper, by prediction: each entry remembers which entry followed it last time, which is right
 * for nearly every line of a time-major or series-major file. Not thread-safe; one per parser.
 */
final class SeriesTable {
  /** Grow slots at half full: linear probing stays short, and slots are 4 bytes each. */
  private static final int MAX_LOAD_PERCENT = 50;

  private static final int INITIAL_ENTRIES = 1 << 10;

  /** Where key bytes live: the input itself, or {@link #ownKeys} when copying. */
  private MemorySegment keys;

  private final boolean copies;
  private byte[] ownKeys = new byte[0];
  private long ownKeysUsed;

  /** Entry number plus one; 0 marks an empty slot. */
  private int[] slots = new int[2 * INITIAL_ENTRIES];

  private long[] hashes = new long[INITIAL_ENTRIES];
  private long[] offsets = new long[INITIAL_ENTRIES];
  private int[] lengths = new int[INITIAL_ENTRIES];
  private byte[] typeClasses = new byte[INITIAL_ENTRIES];
  private int[] ids = new int[INITIAL_ENTRIES];

  /** Entry that followed this one last time, or -1. */
  private int[] successors = new int[INITIAL_ENTRIES];

  private int size;
  private int previous = -1;

  /** A table whose keys stay in {@code input}; every call must pass that same input. */
  SeriesTable(MemorySegment input) {
    this.keys = input;
    this.copies = false;
  }

  private SeriesTable() {
    this.ownKeys = new byte[16 * 1024];
    this.keys = MemorySegment.ofArray(ownKeys);
    this.copies = true;
  }

  /** A table that copies each new key, so that it can be used with input after input. */
  static SeriesTable copying() {
    return new SeriesTable();
  }

  /**
   * The entry that followed the last {@link #visit}ed one, if it matches the key at {@code start}:
   * the same bytes, the same type class and a space right after them (which, since the entry's
   * bytes were a valid key, proves the key at {@code start} ends there too); else -1.
   */
  int predict(MemorySegment input, long start, long limit, byte typeClass) {
    int e = previous < 0 ? -1 : successors[previous];
    if (e < 0) {
      return -1;
    }
    int length = lengths[e];
    long end = start + length;
    if (end >= limit
        || typeClasses[e] != typeClass
        || input.get(Scan.BYTE, end) != ' '
        || MemorySegment.mismatch(keys, offsets[e], offsets[e] + length, input, start, end) >= 0) {
      return -1;
    }
    return e;
  }

  /**
   * The entry that followed the last {@link #visit}ed one if the input at {@code start} (before
   * {@code limit}) begins with its key bytes; else -1. The caller checks that the key ends there.
   */
  int predictPrefix(MemorySegment input, long start, long limit) {
    int e = previous < 0 ? -1 : successors[previous];
    if (e < 0) {
      return -1;
    }
    long end = start + lengths[e];
    if (end > limit
        || MemorySegment.mismatch(keys, offsets[e], offsets[e] + lengths[e], input, start, end)
            >= 0) {
      return -1;
    }
    return e;
  }

  /** The entry for these key bytes and type class, or -1. */
  int find(MemorySegment input, long hash, long offset, int length, byte typeClass) {
    int mask = slots.length - 1;
    int slot = (int) hash & mask;
    while (true) {
      int e = slots[slot] - 1;
      if (e < 0) {
        return -1;
      }
      if (hashes[e] == hash
          && lengths[e] == length
          && typeClasses[e] == typeClass
          && MemorySegment.mismatch(
                  keys, offsets[e], offsets[e] + length, input, offset, offset + length)
              < 0) {
        return e;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Adds a key that {@link #find} does not know; returns its entry. */
  int put(MemorySegment input, long hash, long offset, int length, byte typeClass, int id) {
    if (size == ids.length) {
      int n = size * 2;
      hashes = Arrays.copyOf(hashes, n);
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
      typeClasses = Arrays.copyOf(typeClasses, n);
      ids = Arrays.copyOf(ids, n);
      successors = Arrays.copyOf(successors, n);
    }
    int e = size++;
    hashes[e] = hash;
    offsets[e] = copies ? copyKey(input, offset, length) : offset;
    lengths[e] = length;
    typeClasses[e] = typeClass;
    ids[e] = id;
    successors[e] = -1;
    if (size * 100L > (long) slots.length * MAX_LOAD_PERCENT) {
      slots = new int[slots.length * 2];
      for (int i = 0; i < size; i++) {
        insert(i);
      }
    } else {
      insert(e);
    }
    return e;
  }

  private long copyKey(MemorySegment input, long offset, int length) {
    if (ownKeysUsed + length > ownKeys.length) {
      long want = Math.max(2L * ownKeys.length, ownKeysUsed + length);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("series keys over 2 GiB in one parser");
      }
      ownKeys = Arrays.copyOf(ownKeys, (int) want);
      keys = MemorySegment.ofArray(ownKeys);
    }
    long at = ownKeysUsed;
    MemorySegment.copy(input, offset, keys, at, length);
    ownKeysUsed += length;
    return at;
  }

  /**
   * Gives back copied-key storage that doubling left unused, keeping an eighth of headroom, when
   * more than a quarter of it is unused: a table that has met a target's series once then holds
   * about what its keys need.
   */
  void trim() {
    if (!copies || ownKeys.length - ownKeysUsed <= ownKeys.length / 4) {
      return;
    }
    ownKeys = Arrays.copyOf(ownKeys, (int) (ownKeysUsed + ownKeysUsed / 8 + 64));
    keys = MemorySegment.ofArray(ownKeys);
  }

  /** Forgets every entry (keeps the allocated arrays). */
  void clear() {
    Arrays.fill(slots, 0);
    size = 0;
    previous = -1;
    ownKeysUsed = 0;
  }

  /** Records that entry {@code e} came next, for {@link #predict}. */
  void visit(int e) {
    if (previous >= 0) {
      successors[previous] = e;
    }
    previous = e;
  }

  /** Forgets the last visited entry (a new range starts). */
  void resetPrediction() {
    previous = -1;
  }

  int id(int e) {
    return ids[e];
  }

  int length(int e) {
    return lengths[e];
  }

  byte typeClass(int e) {
    return typeClasses[e];
  }

  int size() {
    return size;
  }

  private void insert(int e) {
    int mask = slots.length - 1;
    int slot = (int) hashes[e] & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = e + 1;
  }
}
