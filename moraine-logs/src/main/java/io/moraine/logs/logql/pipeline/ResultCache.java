package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;
import java.util.Arrays;

/**
 * Interns result label sets by content so that equal sets are one instance; looks up without
 * allocating (open addressing over a 64-bit hash of the strings, verified by comparing contents).
 */
final class ResultCache {
  private long[] hashes = new long[16];
  private Labels[] values = new Labels[16];
  private int size;

  Labels intern(String[] kv, int n) {
    long h = hash(kv, n);
    int mask = values.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (values[i] != null) {
      if (hashes[i] == h && sameContent(values[i], kv, n)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    Labels l = Labels.ofSorted(Arrays.copyOf(kv, n));
    hashes[i] = h;
    values[i] = l;
    if (++size * 2 > values.length) {
      grow();
    }
    return l;
  }

  private static long hash(String[] kv, int n) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < n; i++) {
      h = (h ^ kv[i].hashCode()) * 0x100000001B3L;
      h ^= h >>> 29;
    }
    return h;
  }

  private static boolean sameContent(Labels l, String[] kv, int n) {
    if (l.size() * 2 != n) {
      return false;
    }
    for (int i = 0; i < l.size(); i++) {
      if (!l.name(i).equals(kv[2 * i]) || !l.value(i).equals(kv[2 * i + 1])) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    long[] oldH = hashes;
    Labels[] oldV = values;
    hashes = new long[oldH.length * 2];
    values = new Labels[oldV.length * 2];
    int mask = values.length - 1;
    for (int k = 0; k < oldV.length; k++) {
      if (oldV[k] != null) {
        int i = (int) (oldH[k] ^ (oldH[k] >>> 32)) & mask;
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldH[k];
        values[i] = oldV[k];
      }
    }
  }
}
