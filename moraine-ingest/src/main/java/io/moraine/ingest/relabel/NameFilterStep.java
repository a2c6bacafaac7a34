package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;

/**
 * {@code labelkeep} and {@code labeldrop}: keeps the labels whose name matching equals {@code
 * keepMatching}.
 */
record NameFilterStep(ValueMatcher matcher, boolean keepMatching) implements Step {
  @Override
  public Labels apply(Labels in) {
    int n = in.size();
    int kept = 0;
    long removed = 0; // bit i: label i goes; sets of more than 64 labels take the slow path below
    for (int i = 0; i < n; i++) {
      if (matcher.matches(in.name(i)) == keepMatching) {
        kept++;
      } else if (i < 64) {
        removed |= 1L << i;
      }
    }
    if (kept == n) {
      return in;
    }
    String[] kv = new String[2 * kept];
    for (int i = 0, o = 0; i < n; i++) {
      boolean keep =
          i < 64 ? (removed & (1L << i)) == 0 : matcher.matches(in.name(i)) == keepMatching;
      if (keep) {
        kv[o++] = in.name(i);
        kv[o++] = in.value(i);
      }
    }
    return Labels.ofSorted(kv);
  }
}
