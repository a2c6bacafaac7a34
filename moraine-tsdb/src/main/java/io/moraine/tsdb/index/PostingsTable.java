package io.moraine.tsdb.index;

import java.util.Arrays;

/**
 * The postings table loaded from an index file: sorted label names, each name's sorted values, and
 * where each (name, value) postings list starts in the postings section.
 */
final class PostingsTable {
  final String[] names;
  final String[][] values;

  /** {@code base[n]}: the pair index of name n's first value, pairs counted in table order. */
  final int[] base;

  /** Start of each pair's postings in the postings section, then the section's end. */
  final long[] starts;

  private PostingsTable(String[] names, String[][] values, int[] base, long[] starts) {
    this.names = names;
    this.values = values;
    this.base = base;
    this.starts = starts;
  }

  long postingsLength() {
    return starts[starts.length - 1];
  }

  static PostingsTable read(Cursor c, String[] symbols) {
    int nameCount = c.uvarintBelow(symbols.length + 1L, "label name count");
    String[] names = new String[nameCount];
    String[][] values = new String[nameCount][];
    int[] base = new int[nameCount];
    long[] starts = new long[64];
    int pairs = 0;
    long pos = 0;
    int nameRef = -1;
    for (int n = 0; n < nameCount; n++) {
      nameRef += 1 + c.uvarintBelow(symbols.length - nameRef - 1L, "label name ref gap");
      names[n] = symbols[nameRef];
      int count = c.uvarintBelow(symbols.length + 1L, "value count");
      if (count == 0) {
        throw c.corrupt("label name " + names[n] + " without values");
      }
      String[] vs = new String[count];
      base[n] = pairs;
      int valueRef = -1;
      for (int v = 0; v < count; v++) {
        valueRef += 1 + c.uvarintBelow(symbols.length - valueRef - 1L, "label value ref gap");
        vs[v] = symbols[valueRef];
        if (pairs + 1 >= starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[pairs++] = pos;
        long len = c.uvarint();
        if (len <= 0 || len > Integer.MAX_VALUE) {
          throw c.corrupt("bad postings length " + len);
        }
        pos += len;
      }
      values[n] = vs;
    }
    if (c.hasRemaining()) {
      throw c.corrupt(c.remaining() + " trailing bytes");
    }
    starts[pairs] = pos;
    return new PostingsTable(names, values, base, Arrays.copyOf(starts, pairs + 1));
  }
}
