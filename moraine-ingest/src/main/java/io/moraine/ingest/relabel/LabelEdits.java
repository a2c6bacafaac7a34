package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;

/**
 * Single-label edits on an immutable {@link Labels}: one array copy per change, and the input
 * itself when nothing changes.
 */
final class LabelEdits {
  private LabelEdits() {}

  /** {@code in} with {@code name} set to {@code value}; an empty value deletes the label. */
  static Labels set(Labels in, String name, String value) {
    if (value.isEmpty()) {
      return delete(in, name);
    }
    int at = indexOf(in, name);
    if (at >= 0) {
      if (in.value(at).equals(value)) {
        return in;
      }
      String[] kv = in.toArray();
      kv[2 * at + 1] = value;
      return Labels.ofSorted(kv);
    }
    int insert = -at - 1;
    String[] kv = new String[2 * in.size() + 2];
    for (int i = 0, o = 0; i < in.size(); i++, o += 2) {
      if (i == insert) {
        o += 2;
      }
      kv[o] = in.name(i);
      kv[o + 1] = in.value(i);
    }
    kv[2 * insert] = name;
    kv[2 * insert + 1] = value;
    return Labels.ofSorted(kv);
  }

  /** {@code in} without {@code name}. */
  static Labels delete(Labels in, String name) {
    int at = indexOf(in, name);
    if (at < 0) {
      return in;
    }
    String[] kv = new String[2 * in.size() - 2];
    for (int i = 0, o = 0; i < in.size(); i++) {
      if (i != at) {
        kv[o++] = in.name(i);
        kv[o++] = in.value(i);
      }
    }
    return Labels.ofSorted(kv);
  }

  /** The index of {@code name}, or {@code -(insertion point) - 1}, in {@link Labels}' order. */
  static int indexOf(Labels in, String name) {
    int lo = 0;
    int hi = in.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = in.name(mid).compareTo(name);
      if (c == 0) {
        return mid;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -lo - 1;
  }
}
