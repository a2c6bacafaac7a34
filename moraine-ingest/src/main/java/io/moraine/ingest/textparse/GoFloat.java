package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Reads floats as Prometheus' text parsers do ({@code strconv.ParseFloat} on pre-Go-1.13 syntax):
 * an optional sign, decimal digits with an optional point and exponent, or {@code Inf}/{@code
 * Infinity} (signed, any case) or {@code NaN} (unsigned, any case). No hex, no underscores, no
 * surrounding space; a finite spelling beyond the double range is an error, as Go's {@code
 * ErrRange}. Stateless.
 */
final class GoFloat {
  /** Go's {@code math.NaN()} and Prometheus' {@code value.NormalNaN}. */
  static final double NORMAL_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

  /** Largest integer mantissa a double holds exactly: the fast path's bound (Clinger). */
  private static final long MAX_EXACT_MANTISSA = 1L << 53;

  /** Powers of ten a double holds exactly; one multiply or divide by them rounds correctly. */
  private static final double[] EXACT_POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

  private GoFloat() {}

  /** A well-formed finite spelling beyond the double range: Go's {@code ErrRange}. */
  static final class OutOfRange extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    OutOfRange(String message) {
      super(message);
    }
  }

  /**
   * Parses {@code [start, end)}; NaN comes back as {@link #NORMAL_NAN}.
   *
   * @throws IllegalArgumentException with a reason when the bytes are not a float
   */
  static double parse(MemorySegment in, long start, long end) {
    long p = start;
    boolean negative = false;
    if (p < end) {
      byte c = in.get(BYTE, p);
      if (c == '-' || c == '+') {
        negative = c == '-';
        p++;
      }
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean any = false;
    for (; p < end; p++) {
      int d = in.get(BYTE, p) - '0';
      if (d < 0 || d > 9) {
        break;
      }
      any = true;
      if (digits < 18) {
        mantissa = mantissa * 10 + d;
        digits += mantissa == 0 ? 0 : 1;
      } else {
        return slow(in, start, end);
      }
    }
    if (p < end && in.get(BYTE, p) == '.') {
      for (p++; p < end; p++) {
        int d = in.get(BYTE, p) - '0';
        if (d < 0 || d > 9) {
          break;
        }
        any = true;
        if (digits < 18) {
          mantissa = mantissa * 10 + d;
          digits += mantissa == 0 ? 0 : 1;
          scale--;
        } else {
          return slow(in, start, end);
        }
      }
    }
    if (!any) {
      return slow(in, start, end);
    }
    if (p < end) {
      byte c = in.get(BYTE, p);
      if (c != 'e' && c != 'E') {
        return slow(in, start, end);
      }
      p++;
      boolean expNegative = false;
      if (p < end && (in.get(BYTE, p) == '-' || in.get(BYTE, p) == '+')) {
        expNegative = in.get(BYTE, p) == '-';
        p++;
      }
      if (p >= end || end - p > 4) {
        return slow(in, start, end);
      }
      int exp = 0;
      for (; p < end; p++) {
        int d = in.get(BYTE, p) - '0';
        if (d < 0 || d > 9) {
          return slow(in, start, end);
        }
        exp = exp * 10 + d;
      }
      scale += expNegative ? -exp : exp;
    }
    double v;
    if (mantissa == 0) {
      v = 0.0;
    } else if (mantissa <= MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22) {
      v =
          scale >= 0
              ? mantissa * EXACT_POWERS_OF_TEN[scale]
              : mantissa / EXACT_POWERS_OF_TEN[-scale];
    } else {
      return slow(in, start, end);
    }
    return negative ? -v : v;
  }

  /** Full syntax check and correctly rounded conversion; allocates, taken by rare spellings. */
  private static double slow(MemorySegment in, long start, long end) {
    if (end - start > 1024) {
      throw new IllegalArgumentException("number too long");
    }
    String s =
        new String(in.asSlice(start, end - start).toArray(BYTE), StandardCharsets.ISO_8859_1);
    return parse(s);
  }

  /** {@link #parse(MemorySegment, long, long)} for a string (label-value normalisation, tests). */
  static double parse(String s) {
    int i = 0;
    int n = s.length();
    boolean signed = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-');
    if (signed) {
      i++;
    }
    String rest = s.substring(i);
    if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
      return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!signed && rest.equalsIgnoreCase("nan")) {
      return NORMAL_NAN;
    }
    if (!isDecimal(rest)) {
      throw new IllegalArgumentException("invalid float " + quote(s));
    }
    double v = Double.parseDouble(s);
    if (Double.isInfinite(v)) {
      throw new OutOfRange("float out of range " + quote(s));
    }
    return v;
  }

  /** {@code digits [. digits] [(e|E) [+-] digits]} with at least one mantissa digit. */
  private static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    int mantissaDigits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      mantissaDigits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        mantissaDigits++;
      }
    }
    if (mantissaDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
