package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Well-formedness of UTF-8 byte ranges, as Go's {@code utf8.Valid}. Stateless. */
final class Utf8 {
  private Utf8() {}

  /** Whether {@code [start, end)} is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
  static boolean isValid(MemorySegment in, long start, long end) {
    long p = start;
    while (p < end) {
      int b = in.get(ValueLayout.JAVA_BYTE, p) & 0xff;
      if (b < 0x80) {
        p++;
        continue;
      }
      int n;
      int lo = 0x80;
      int hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        n = 1;
      } else if (b >= 0xe0 && b <= 0xef) {
        n = 2;
        lo = b == 0xe0 ? 0xa0 : 0x80;
        hi = b == 0xed ? 0x9f : 0xbf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        n = 3;
        lo = b == 0xf0 ? 0x90 : 0x80;
        hi = b == 0xf4 ? 0x8f : 0xbf;
      } else {
        return false;
      }
      if (p + n >= end) {
        return false;
      }
      int c1 = in.get(ValueLayout.JAVA_BYTE, p + 1) & 0xff;
      if (c1 < lo || c1 > hi) {
        return false;
      }
      for (int k = 2; k <= n; k++) {
        int c = in.get(ValueLayout.JAVA_BYTE, p + k) & 0xff;
        if (c < 0x80 || c > 0xbf) {
          return false;
        }
      }
      p += n + 1;
    }
    return true;
  }
}
