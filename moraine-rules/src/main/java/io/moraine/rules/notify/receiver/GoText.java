package io.moraine.rules.notify.receiver;

import io.moraine.core.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go library behaviour the Alertmanager payloads depend on: times, escaping, fingerprints. */
final class GoText {
  /** Go's zero {@code time.Time} in RFC 3339, what Alertmanager sends for an unset time. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private GoText() {}

  /**
   * {@code millis} as Go's {@code time.RFC3339Nano} in UTC: trailing zeros of the fraction dropped,
   * no fraction when whole; {@link #ZERO_TIME} for 0 or less.
   */
  static String rfc3339(long millis) {
    if (millis <= 0) {
      return ZERO_TIME;
    }
    StringBuilder sb = new StringBuilder(SECONDS.format(Instant.ofEpochMilli(millis)));
    int ms = (int) Math.floorMod(millis, 1000L);
    if (ms != 0) {
      String frac = String.format(java.util.Locale.ROOT, "%03d", ms);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.append('Z').toString();
  }

  /** Go's {@code regexp.QuoteMeta}, which Alertmanager applies to the receiver name. */
  static String quoteMeta(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Alertmanager's alert fingerprint ({@code model.LabelSet.Fingerprint}): FNV-1a 64 over each
   * label's name, a 0xff byte, its value and a 0xff byte, names sorted; 16 lower-case hex digits.
   */
  static String fingerprint(Labels labels) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < labels.size(); i++) {
      h = fnv(h, labels.name(i));
      h = fnv(h, labels.value(i));
    }
    return String.format(java.util.Locale.ROOT, "%016x", h);
  }

  private static long fnv(long h, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= 0xff;
    return h * 0x100000001b3L;
  }

  /** Go's rune-wise truncation with the "…" marker, as Alertmanager truncates summaries. */
  static String truncateRunes(String s, int max) {
    int runes = s.codePointCount(0, s.length());
    if (runes <= max) {
      return s;
    }
    if (max <= 3) {
      return s.substring(0, s.offsetByCodePoints(0, max));
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }
}
