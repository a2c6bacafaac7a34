package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code strconv.Quote} for the bytes that reach Prometheus' error messages: printable ASCII
 * and well-formed non-ASCII UTF-8 as is, {@code \a \b \f \n \r \t \v \\ \"} escaped, other control
 * bytes and bytes of malformed UTF-8 as {@code \xNN}. (Go also escapes non-printable non-ASCII code
 * points such as U+00A0 as {@code \u00a0}; those are kept as is here.) Stateless.
 */
final class GoQuote {
  private GoQuote() {}

  static String quote(MemorySegment in, long start, long end) {
    StringBuilder sb = new StringBuilder((int) Math.min(64, end - start) + 2).append('"');
    long p = start;
    while (p < end) {
      int b = in.get(Scan.BYTE, p) & 0xff;
      if (b >= 0x80) {
        int n = sequenceLength(in, p, end);
        if (n > 0) {
          byte[] cp = in.asSlice(p, n).toArray(Scan.BYTE);
          sb.append(new String(cp, StandardCharsets.UTF_8));
          p += n;
        } else {
          appendHex(sb, b);
          p++;
        }
        continue;
      }
      switch (b) {
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        default -> {
          if (b < 0x20 || b == 0x7f) {
            appendHex(sb, b);
          } else {
            sb.append((char) b);
          }
        }
      }
      p++;
    }
    return sb.append('"').toString();
  }

  static String quote(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return quote(MemorySegment.ofArray(b), 0, b.length);
  }

  /** Length of the well-formed UTF-8 sequence at {@code p}, or 0. */
  private static int sequenceLength(MemorySegment in, long p, long end) {
    for (int n = 2; n <= 4 && p + n <= end; n++) {
      if (Utf8.isValid(in, p, p + n)) {
        return n;
      }
    }
    return 0;
  }

  private static void appendHex(StringBuilder sb, int b) {
    sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
  }
}
