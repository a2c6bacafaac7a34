package io.moraine.tsdb.index;

import java.util.Arrays;

/**
 * The final order of the writer's label pairs: sorted by name then value (symbol order), with each
 * pair's name ordinal (position among distinct names) and value ordinal (position among its name's
 * values). Encodes the postings table (docs/format/index.md, "Postings table").
 */
final class PairLayout {
  /** Pair ids in table order. */
  final int[] order;

  final int[] nameOrdinal;
  final int[] valueOrdinal;
  private final int[] pairName;
  private final int[] pairValue;

  private PairLayout(int[] order, int[] nameOrdinal, int[] valueOrdinal, int[] n, int[] v) {
    this.order = order;
    this.nameOrdinal = nameOrdinal;
    this.valueOrdinal = valueOrdinal;
    this.pairName = n;
    this.pairValue = v;
  }

  /**
   * Sorts {@code count} pairs given by provisional string ids of name and value.
   *
   * @param symbolRef the final symbol reference of each provisional string id
   */
  static PairLayout of(int count, int[] pairName, int[] pairValue, int[] symbolRef) {
    long[] keys = new long[count];
    for (int p = 0; p < count; p++) {
      keys[p] = ((long) symbolRef[pairName[p]] << 32) | symbolRef[pairValue[p]];
    }
    Integer[] boxed = new Integer[count];
    for (int p = 0; p < count; p++) {
      boxed[p] = p;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(keys[a], keys[b]));
    int[] order = new int[count];
    int[] nameOrd = new int[count];
    int[] valueOrd = new int[count];
    int name = -1;
    int value = 0;
    for (int i = 0; i < count; i++) {
      int p = boxed[i];
      order[i] = p;
      if (i == 0 || pairName[p] != pairName[order[i - 1]]) {
        name++;
        value = 0;
      }
      nameOrd[p] = name;
      valueOrd[p] = value++;
    }
    return new PairLayout(order, nameOrd, valueOrd, pairName, pairValue);
  }

  /** The postings table; {@code postingOffsets} has one start per pair in order, then the end. */
  ByteSink encodeTable(int[] symbolRef, long[] postingOffsets) {
    ByteSink s = new ByteSink(order.length * 6 + 16);
    int names = order.length == 0 ? 0 : nameOrdinal[order[order.length - 1]] + 1;
    s.putUvarint(names);
    int i = 0;
    int prevNameRef = -1;
    while (i < order.length) {
      int nameRef = symbolRef[pairName[order[i]]];
      int j = i;
      while (j < order.length && pairName[order[j]] == pairName[order[i]]) {
        j++;
      }
      s.putUvarint(nameRef - prevNameRef - 1L);
      s.putUvarint(j - i);
      int prevValueRef = -1;
      for (int k = i; k < j; k++) {
        int valueRef = symbolRef[pairValue[order[k]]];
        s.putUvarint(valueRef - prevValueRef - 1L);
        s.putUvarint(postingOffsets[k + 1] - postingOffsets[k]);
        prevValueRef = valueRef;
      }
      prevNameRef = nameRef;
      i = j;
    }
    return s;
  }
}
