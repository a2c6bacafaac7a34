package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogReadStats;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.core.logs.LogStreamSet;
import io.moraine.core.time.Clock;
import io.moraine.testkit.logs.LogLineGenerator;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Figures for the report (not a test): append MB/s, bytes on disk per raw byte against {@code zstd
 * -3} of the same text, needle scan MB/s with and without block skipping, per block size. Run:
 * {@code java -cp <test classpath> io.moraine.logs.store.LogStoreFigures [rawMiB]}.
 */
public final class LogStoreFigures {
  private static final long T0 = 1_704_067_200_000_000_000L;

  private LogStoreFigures() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    System.out.println("warm-up (ignore):");
    run(256 << 10, 8);
    for (int block : new int[] {64 << 10, 256 << 10, 1 << 20}) {
      run(block, mib);
    }
  }

  private static void run(int blockBytes, int mib) throws Exception {
    Path dir = Files.createTempDirectory("logfig");
    Path raw = dir.resolve("raw.txt");
    LogLineGenerator gen = new LogLineGenerator(42);
    LogLineGenerator.Kind[] kinds = LogLineGenerator.Kind.values();
    long rawBytes = 0;
    long t;
    long elapsed;
    LogStoreOptions o = LogStoreOptions.DEFAULT.withoutBackground().withBlockSizeBytes(blockBytes);
    try (LogStore store = LogStore.open(dir.resolve("store"), o, Clock.SYSTEM);
        OutputStream rawOut = Files.newOutputStream(raw)) {
      elapsed = 0;
      long ts = T0;
      while (rawBytes < (long) mib << 20) {
        String[] lines = new String[1000];
        Labels[] streams = new Labels[1000];
        for (int i = 0; i < lines.length; i++) {
          int s = i % 40;
          lines[i] = gen.next(kinds[s % kinds.length]);
          streams[i] = Labels.of("app", "app" + s, "kind", kinds[s % kinds.length].name());
          byte[] b = lines[i].getBytes(StandardCharsets.UTF_8);
          rawOut.write(b);
          rawOut.write('\n');
          rawBytes += b.length;
        }
        t = System.nanoTime();
        LogAppender a = store.appender("t");
        for (int i = 0; i < lines.length; i++) {
          a.append(streams[i], ts++, lines[i], Labels.EMPTY);
        }
        a.commit();
        elapsed += System.nanoTime() - t;
      }
      t = System.nanoTime();
      store.flushAll();
      long flushNs = System.nanoTime() - t;
      long onDisk = 0;
      long filterBytes = 0;
      long blockBytesTotal = 0;
      try (var f = Files.walk(dir.resolve("store/tenants"))) {
        for (Path p : f.filter(Files::isRegularFile).toList()) {
          onDisk += Files.size(p);
          io.moraine.logs.segment.SegmentReader r = io.moraine.logs.segment.SegmentReader.open(p);
          for (var st : r.streams()) {
            for (var m : st.blocks()) {
              filterBytes += m.filterLength();
              blockBytesTotal += m.length();
            }
          }
          r.release();
        }
      }
      System.out.printf(
          "  filter bytes=%.2f%% of block bytes%n", 100.0 * filterBytes / blockBytesTotal);
      Process z = new ProcessBuilder("zstd", "-3", "-q", "-c", raw.toString()).start();
      long zstd = z.getInputStream().transferTo(OutputStream.nullOutputStream());
      z.waitFor();
      System.out.printf(
          "block=%dK raw=%.1fMiB append=%.1f MB/s (+flush %.1f MB/s) disk/raw=%.4f zstd-3/raw=%.4f"
              + " disk/zstd=%.3f%n",
          blockBytes >> 10,
          rawBytes / 1048576.0,
          rawBytes / (elapsed / 1e3),
          rawBytes / (flushNs / 1e3),
          onDisk / (double) rawBytes,
          zstd / (double) rawBytes,
          onDisk / (double) zstd);
      for (String needle : List.of("deadlock", "zz9qx7needle")) {
        scan(store, needle, rawBytes, false);
        scan(store, needle, rawBytes, true);
      }
    }
  }

  private static void scan(LogStore store, String needle, long rawBytes, boolean skip) {
    LogReadStats stats = new LogReadStats();
    long t = System.nanoTime();
    long hits = 0;
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    try (LogQuerier q = store.querier("t", Long.MIN_VALUE, Long.MAX_VALUE)) {
      LogSelectHints h =
          new LogSelectHints(Direction.FORWARD, skip ? List.of(needle) : List.of(), true, stats);
      LogStreamSet set = q.select(List.of(Matcher.re("app", ".+")), h);
      while (set.next()) {
        LogCursor c = set.cursor();
        while (c.next()) {
          if (contains(c.lineBytes(), c.lineOffset(), c.lineLength(), n)) {
            hits++;
          }
        }
      }
    }
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf(
        "  needle=%s skip=%s hits=%d %.1f MB/s blocks read=%d skipped=%d%n",
        needle, skip, hits, rawBytes / s / 1e6, stats.blocksDecompressed, stats.blocksSkipped);
  }

  private static boolean contains(byte[] b, int off, int len, byte[] n) {
    outer:
    for (int i = off; i <= off + len - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (b[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
