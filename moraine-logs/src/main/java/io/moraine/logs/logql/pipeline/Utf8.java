package io.moraine.logs.logql.pipeline;

/** UTF-8 helpers on byte slices that do not allocate. */
final class Utf8 {
  private Utf8() {}

  /**
   * Decodes into {@code out} (at least {@code len} long); invalid sequences become U+FFFD as in Go.
   *
   * @return the number of chars written
   */
  static int decode(byte[] b, int off, int len, char[] out) {
    int n = 0;
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        out[n++] = (char) c;
        i++;
        continue;
      }
      int need;
      int cp;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        cp = c & 0x1f;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        cp = c & 0x0f;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        cp = c & 0x07;
      } else {
        out[n++] = '\uFFFD';
        i++;
        continue;
      }
      if (i + need >= end) {
        out[n++] = '\uFFFD';
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (!ok
          || cp > 0x10FFFF
          || (need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
          || (need == 3 && cp < 0x10000)) {
        out[n++] = '\uFFFD';
        i++;
        continue;
      }
      if (cp >= 0x10000) {
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
      } else {
        out[n++] = (char) cp;
      }
      i += need + 1;
    }
    return n;
  }

  /** Whether {@code needle} occurs in the slice; a first-byte scan then a compare. */
  static int indexOf(byte[] hay, int off, int len, byte[] needle) {
    int n = needle.length;
    if (n == 0) {
      return 0;
    }
    byte first = needle[0];
    int last = off + len - n;
    for (int i = off; i <= last; i++) {
      if (hay[i] != first) {
        continue;
      }
      int k = 1;
      while (k < n && hay[i + k] == needle[k]) {
        k++;
      }
      if (k == n) {
        return i - off;
      }
    }
    return -1;
  }

  /** Like {@link #indexOf} ignoring ASCII case; {@code lowerNeedle} is already lower-cased. */
  static int indexOfIgnoreCase(byte[] hay, int off, int len, byte[] lowerNeedle) {
    int n = lowerNeedle.length;
    if (n == 0) {
      return 0;
    }
    int last = off + len - n;
    for (int i = off; i <= last; i++) {
      int k = 0;
      while (k < n && lower(hay[i + k]) == lowerNeedle[k]) {
        k++;
      }
      if (k == n) {
        return i - off;
      }
    }
    return -1;
  }

  static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }
}
