package io.moraine.server.cli;

import io.moraine.core.time.Clock;
import io.moraine.server.backfill.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for a terminal: percent, bytes read of total, samples per second; redrawn
 * in place with {@code \r} at most every 100 ms. Not thread-safe (one importing thread).
 */
final class ProgressBar implements ProgressListener {
  /** Redraws faster than this flicker and cost more than they tell. */
  private static final long REDRAW_NANOS = 100_000_000;

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final Clock clock;
  private final long startNanos;
  private long lastDrawNanos = Long.MIN_VALUE;
  private int lastLength;

  ProgressBar(PrintWriter err, Clock clock) {
    this.err = err;
    this.clock = clock;
    this.startNanos = clock.nanoTime();
  }

  @Override
  public void progress(long bytesRead, long totalBytes, long samples) {
    long now = clock.nanoTime();
    boolean done = totalBytes > 0 && bytesRead >= totalBytes;
    if (!done && lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < REDRAW_NANOS) {
      return;
    }
    lastDrawNanos = now;
    String line = render(bytesRead, totalBytes, samples, now - startNanos);
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
  }

  /** Erases the bar so that the next line starts clean. */
  void clear() {
    if (lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
      lastLength = 0;
    }
  }

  static String render(long bytesRead, long totalBytes, long samples, long elapsedNanos) {
    double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : 0;
    int filled = (int) Math.round(fraction * WIDTH);
    String bar =
        "=".repeat(filled)
            + (filled < WIDTH ? ">" : "")
            + " ".repeat(Math.max(0, WIDTH - filled - 1));
    double seconds = elapsedNanos / 1e9;
    long rate = seconds > 0 ? Math.round(samples / seconds) : 0;
    return String.format(
        Locale.ROOT,
        "%3d%% [%s] %s / %s  %d samples/s",
        Math.round(fraction * 100),
        bar,
        mib(bytesRead),
        mib(totalBytes),
        rate);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
