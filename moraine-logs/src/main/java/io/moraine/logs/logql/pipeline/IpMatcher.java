package io.moraine.logs.logql.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * LogQL's {@code ip("...")}: one address, a CIDR prefix ({@code 10.0.0.0/8}) or an inclusive range
 * ({@code 10.0.0.1-10.0.0.9}), IPv4 or IPv6, as Go's netip compares them (an IPv4 address never
 * matches an IPv6 prefix). Immutable and thread-safe; {@link #matchesAnyIn} does not allocate.
 */
final class IpMatcher {
  private final byte[] low;
  private final byte[] high;
  private final int family;

  private IpMatcher(byte[] low, byte[] high) {
    this.low = low;
    this.high = high;
    this.family = low.length;
  }

  static IpMatcher parse(String pattern) {
    String p = pattern.strip();
    int slash = p.indexOf('/');
    int dash = p.indexOf('-');
    if (slash >= 0) {
      byte[] a = addr(p.substring(0, slash), pattern);
      int bits;
      try {
        bits = Integer.parseInt(p.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw bad(pattern);
      }
      if (bits < 0 || bits > a.length * 8) {
        throw bad(pattern);
      }
      byte[] lo = a.clone();
      byte[] hi = a.clone();
      for (int bit = bits; bit < a.length * 8; bit++) {
        lo[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        hi[bit / 8] |= (byte) (0x80 >>> (bit % 8));
      }
      return new IpMatcher(lo, hi);
    }
    if (dash >= 0) {
      byte[] lo = addr(p.substring(0, dash).strip(), pattern);
      byte[] hi = addr(p.substring(dash + 1).strip(), pattern);
      if (lo.length != hi.length || compare(lo, hi, 0, lo.length) > 0) {
        throw bad(pattern);
      }
      return new IpMatcher(lo, hi);
    }
    byte[] a = addr(p, pattern);
    return new IpMatcher(a, a);
  }

  private static byte[] addr(String s, String pattern) {
    byte[] out = new byte[16];
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    int n = parse(in, 0, in.length, out);
    if (n == 0) {
      throw bad(pattern);
    }
    return Arrays.copyOf(out, n);
  }

  private static IllegalArgumentException bad(String pattern) {
    return new IllegalArgumentException(
        "invalid ip filter \"" + pattern + "\": not an IP, CIDR or range");
  }

  /** Whether a whole string (a label value) is an address in this set. */
  boolean matchesValue(String value, byte[] scratch) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    int n = parse(b, 0, b.length, scratch);
    return n != 0 && contains(scratch, n);
  }

  boolean contains(byte[] a, int n) {
    return n == family && compare(low, a, 0, n) <= 0 && compare(a, high, 0, n) <= 0;
  }

  /** Whether any address-looking token in the line is in this set. */
  boolean matchesAnyIn(byte[] line, int off, int len, byte[] scratch) {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (!ipChar(line[i])) {
        i++;
        continue;
      }
      int start = i;
      while (i < end && ipChar(line[i])) {
        i++;
      }
      int n = parse(line, start, i - start, scratch);
      if (n != 0 && contains(scratch, n)) {
        return true;
      }
      if (n == 0 && digitRuns(line, start, i, scratch)) {
        return true;
      }
    }
    return false;
  }

  /** Retries the IPv4-looking parts ({@code [0-9.]+}) of a token that was no address as a whole. */
  private boolean digitRuns(byte[] line, int from, int to, byte[] scratch) {
    int i = from;
    while (i < to) {
      if (!(line[i] >= '0' && line[i] <= '9')) {
        i++;
        continue;
      }
      int s = i;
      while (i < to && (line[i] == '.' || (line[i] >= '0' && line[i] <= '9'))) {
        i++;
      }
      if (s == from && i == to) {
        return false;
      }
      int n = parse(line, s, i - s, scratch);
      if (n == 4 && contains(scratch, n)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ipChar(byte c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F')
        || c == ':'
        || c == '.';
  }

  private static int compare(byte[] a, byte[] b, int from, int n) {
    for (int i = from; i < n; i++) {
      int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Parses an IPv4 or IPv6 literal into {@code out}; returns 4, 16, or 0 when it is none. */
  static int parse(byte[] b, int off, int len, byte[] out) {
    boolean colon = false;
    for (int i = off; i < off + len; i++) {
      if (b[i] == ':') {
        colon = true;
        break;
      }
    }
    return colon ? parse6(b, off, len, out) : (parse4(b, off, len, out, 0) ? 4 : 0);
  }

  private static boolean parse4(byte[] b, int off, int len, byte[] out, int at) {
    int end = off + len;
    int i = off;
    for (int field = 0; field < 4; field++) {
      if (field > 0) {
        if (i >= end || b[i] != '.') {
          return false;
        }
        i++;
      }
      int s = i;
      int v = 0;
      while (i < end && b[i] >= '0' && b[i] <= '9' && i - s < 3) {
        v = v * 10 + (b[i] - '0');
        i++;
      }
      if (i == s || v > 255 || (i - s > 1 && b[s] == '0')) {
        return false;
      }
      out[at + field] = (byte) v;
    }
    return i == end;
  }

  private static int parse6(byte[] b, int off, int len, byte[] out) {
    int end = off + len;
    int i = off;
    int groups = 0;
    int ellipsis = -1;
    if (len >= 2 && b[i] == ':' && b[i + 1] == ':') {
      ellipsis = 0;
      i += 2;
      if (i == end) {
        Arrays.fill(out, 0, 16, (byte) 0);
        return 16;
      }
    }
    while (i < end) {
      int s = i;
      int v = 0;
      while (i < end && i - s < 4 && hex(b[i]) >= 0) {
        v = (v << 4) | hex(b[i]);
        i++;
      }
      if (i < end && b[i] == '.') {
        if (ellipsis < 0 && groups != 6 || groups > 6 || !parse4(b, s, end - s, out, groups * 2)) {
          return 0;
        }
        groups += 2;
        i = end;
        break;
      }
      if (i == s || groups >= 8) {
        return 0;
      }
      out[groups * 2] = (byte) (v >> 8);
      out[groups * 2 + 1] = (byte) v;
      groups++;
      if (i == end) {
        break;
      }
      if (b[i] != ':' || i + 1 == end) {
        return 0;
      }
      i++;
      if (b[i] == ':') {
        if (ellipsis >= 0) {
          return 0;
        }
        ellipsis = groups;
        i++;
        if (i == end) {
          break;
        }
      }
    }
    if (ellipsis < 0) {
      return groups == 8 ? 16 : 0;
    }
    if (groups >= 8) {
      return 0;
    }
    int shift = (8 - groups) * 2;
    System.arraycopy(out, ellipsis * 2, out, ellipsis * 2 + shift, (groups - ellipsis) * 2);
    Arrays.fill(out, ellipsis * 2, ellipsis * 2 + shift, (byte) 0);
    return 16;
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
