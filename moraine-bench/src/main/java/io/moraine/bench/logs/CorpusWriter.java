package io.moraine.bench.logs;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes the lines into {@code corpus.log} and {@code entries.bin} (see {@link CorpusFiles}) and
 * counts what the manifest reports. Not thread-safe.
 */
final class CorpusWriter implements LineSink, Closeable {
  /** Lines longer than this count as long lines. */
  static final int LONG_LINE_BYTES = 4096;

  private final OutputStream corpus;
  private final OutputStream entries;
  private final byte[] header = new byte[16];
  private final long[] kindCounts = new long[LineKind.values().length];
  private final int filterApp;

  /** The stream whose lines come next; set by the generator before each event. */
  int stream;

  /** The app index of {@link #stream}. */
  int appIndex;

  long lines;
  long lineBytes;
  long longLines;
  long filterMatches;
  long firstNanos = Long.MAX_VALUE;
  long lastNanos = Long.MIN_VALUE;

  CorpusWriter(CorpusFiles files, int filterApp) throws IOException {
    this.filterApp = filterApp;
    corpus = new BufferedOutputStream(Files.newOutputStream(files.corpus()), 1 << 20);
    entries = new BufferedOutputStream(Files.newOutputStream(files.entries()), 1 << 20);
    entries.write(CorpusFiles.MAGIC);
  }

  @Override
  public void line(long nanos, LineKind kind, LineBuffer line, int status) throws IOException {
    int n = line.length();
    putInt(header, 0, stream);
    putLong(header, 4, nanos);
    putInt(header, 12, n);
    entries.write(header, 0, 16);
    entries.write(line.array(), 0, n);
    line.ch('\n');
    corpus.write(line.array(), 0, n + 1);
    lines++;
    lineBytes += n;
    kindCounts[kind.ordinal()]++;
    if (n > LONG_LINE_BYTES) {
      longLines++;
    }
    if (status >= 500 && appIndex == filterApp) {
      filterMatches++;
    }
    firstNanos = Math.min(firstNanos, nanos);
    lastNanos = Math.max(lastNanos, nanos);
  }

  Map<LineKind, Long> kindCounts() {
    Map<LineKind, Long> m = new EnumMap<>(LineKind.class);
    for (LineKind k : LineKind.values()) {
      m.put(k, kindCounts[k.ordinal()]);
    }
    return m;
  }

  @Override
  public void close() throws IOException {
    try (corpus) {
      entries.close();
    }
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static void putLong(byte[] b, int off, long v) {
    putInt(b, off, (int) (v >>> 32));
    putInt(b, off + 4, (int) v);
  }
}
