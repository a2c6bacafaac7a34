package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes samples as {@code [1435781451.781,"1"]} as {@link ApiJson#writePoint} does, through one
 * scratch buffer instead of two strings per point: the timestamp always, and integral values below
 * 10^15 (counts, bytes, {@code up}); other values go through {@link ApiJson#sampleValue}. Points
 * are most of a range answer's bytes. Not thread-safe: one per answer being written.
 */
final class PointWriter {
  /** Integral values below this print exactly from a {@code long}, as Go prints them. */
  private static final double EXACT_LONG_BOUND = 1e15;

  /** A sign, 19 digits, a point and 3 decimals fit. */
  private final char[] buf = new char[32];

  void write(JsonGenerator g, long t, double v) throws IOException {
    g.writeStartArray();
    if (t == Long.MIN_VALUE) {
      g.writeNumber(PromTimes.formatMillis(t));
    } else {
      g.writeNumber(buf, 0, timestamp(t));
    }
    if (v != 0 && Math.abs(v) < EXACT_LONG_BOUND && v == (long) v) {
      g.writeString(buf, 0, integer((long) v));
    } else {
      g.writeString(ApiJson.sampleValue(v));
    }
    g.writeEndArray();
  }

  /** Unix seconds with the milliseconds as three decimals when not zero; returns the length. */
  private int timestamp(long millis) {
    int n = 0;
    long t = millis;
    if (t < 0) {
      buf[n++] = '-';
      t = -t;
    }
    n = digits(t / 1000, n);
    int fraction = (int) (t % 1000);
    if (fraction != 0) {
      buf[n++] = '.';
      buf[n++] = (char) ('0' + fraction / 100);
      buf[n++] = (char) ('0' + fraction / 10 % 10);
      buf[n++] = (char) ('0' + fraction % 10);
    }
    return n;
  }

  /** {@code v} in decimal (not {@link Long#MIN_VALUE}); returns the length. */
  private int integer(long v) {
    if (v < 0) {
      buf[0] = '-';
      return digits(-v, 1);
    }
    return digits(v, 0);
  }

  /** The digits of {@code x >= 0} at {@code from}; returns the end. */
  private int digits(long x, int from) {
    int len = 1;
    for (long r = x / 10; r != 0; r /= 10) {
      len++;
    }
    long r = x;
    for (int i = from + len - 1; i >= from; i--) {
      buf[i] = (char) ('0' + r % 10);
      r /= 10;
    }
    return from + len;
  }
}
