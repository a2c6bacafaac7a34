package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;

/**
 * One parser's memory of series it has met: open addressing over the raw bytes of {@code
 * name{labels}} as they appear in the input (offset and length, no copy), plus the type class that
 * decides label normalisation. Not thread-safe; one per parser.
 */
final class SeriesTable {
  /** Grow at half full: linear probing stays short, and the table is small next to the input. */
  private static final int MAX_LOAD_PERCENT = 50;

  private static final int INITIAL_CAPACITY = 1 << 12;

  private final MemorySegment input;
  private long[] hashes = new long[INITIAL_CAPACITY];
  private long[] offsets = new long[INITIAL_CAPACITY];
  private int[] lengths = new int[INITIAL_CAPACITY];
  private byte[] typeClasses = new byte[INITIAL_CAPACITY];

  /** The series id plus one; 0 marks an empty slot. */
  private int[] idsPlusOne = new int[INITIAL_CAPACITY];

  private int size;

  SeriesTable(MemorySegment input) {
    this.input = input;
  }

  /** The id stored for these key bytes and type class, or -1. */
  int find(long hash, long offset, int length, byte typeClass) {
    int mask = hashes.length - 1;
    int slot = (int) hash & mask;
    while (true) {
      int idp = idsPlusOne[slot];
      if (idp == 0) {
        return -1;
      }
      if (hashes[slot] == hash
          && lengths[slot] == length
          && typeClasses[slot] == typeClass
          && MemorySegment.mismatch(
                  input, offsets[slot], offsets[slot] + length, input, offset, offset + length)
              < 0) {
        return idp - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Remembers a key that {@link #find} does not know. */
  void put(long hash, long offset, int length, byte typeClass, int id) {
    if ((size + 1) * 100L > (long) hashes.length * MAX_LOAD_PERCENT) {
      grow();
    }
    insert(hash, offset, length, typeClass, id + 1);
    size++;
  }

  int size() {
    return size;
  }

  private void insert(long hash, long offset, int length, byte typeClass, int idPlusOne) {
    int mask = hashes.length - 1;
    int slot = (int) hash & mask;
    while (idsPlusOne[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    hashes[slot] = hash;
    offsets[slot] = offset;
    lengths[slot] = length;
    typeClasses[slot] = typeClass;
    idsPlusOne[slot] = idPlusOne;
  }

  private void grow() {
    long[] oldHashes = hashes;
    long[] oldOffsets = offsets;
    int[] oldLengths = lengths;
    byte[] oldTypes = typeClasses;
    int[] oldIds = idsPlusOne;
    int n = oldHashes.length * 2;
    hashes = new long[n];
    offsets = new long[n];
    lengths = new int[n];
    typeClasses = new byte[n];
    idsPlusOne = new int[n];
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldIds[i] != 0) {
        insert(oldHashes[i], oldOffsets[i], oldLengths[i], oldTypes[i], oldIds[i]);
      }
    }
  }
}
