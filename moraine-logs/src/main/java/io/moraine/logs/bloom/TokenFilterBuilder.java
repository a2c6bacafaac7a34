package io.moraine.logs.bloom;

import java.util.Arrays;

/**
 * Collects the distinct token-byte 4-grams of a block's lines, then builds a {@link TokenFilter} of
 * a given size. Not thread-safe; reusable after {@link #reset}. Allocation-free per line.
 */
public final class TokenFilterBuilder {
  /**
   * Open-addressing set of grams; 0 marks an empty slot, so gram 0 (never a token gram) is free.
   */
  private int[] table = new int[1 << 12];

  private int size;

  /** Forgets every gram. */
  public void reset() {
    Arrays.fill(table, 0);
    size = 0;
  }

  /** Distinct grams collected. */
  public int distinctGrams() {
    return size;
  }

  /** Adds the token-byte 4-grams of {@code line[offset, offset + length)}. */
  public void addLine(byte[] line, int offset, int length) {
    int run = 0;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (!TokenFilter.isToken(line[i])) {
        run = 0;
        continue;
      }
      if (++run >= 4) {
        insert(TokenFilter.gram(line, i - 3));
      }
    }
  }

  /**
   * Builds the filter with at most {@code maxBytes} of bits: 10 bits per gram (about 1% false
   * positives per gram) when that fits, fewer otherwise; the hash count is the optimum for the
   * resulting bits per gram.
   */
  public TokenFilter build(int maxBytes) {
    if (size == 0 || maxBytes < 8) {
      return TokenFilter.ALL;
    }
    long wantBits = (long) size * 10;
    int words = (int) Math.max(1, Math.min((wantBits + 63) / 64, maxBytes / 8));
    double bitsPerGram = words * 64.0 / size;
    int k = (int) Math.max(1, Math.min(8, Math.round(bitsPerGram * Math.log(2))));
    TokenFilter f = new TokenFilter(k, new long[words]);
    for (int g : table) {
      if (g != 0) {
        f.add(g);
      }
    }
    return f;
  }

  private void insert(int gram) {
    int mask = table.length - 1;
    int i = (int) TokenFilter.mix(gram) & mask;
    while (true) {
      int v = table[i];
      if (v == gram) {
        return;
      }
      if (v == 0) {
        table[i] = gram;
        if (++size * 2 > table.length) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    int[] old = table;
    table = new int[old.length * 2];
    size = 0;
    for (int g : old) {
      if (g != 0) {
        insert(g);
      }
    }
  }
}
