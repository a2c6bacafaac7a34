package io.moraine.server.backfill;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.ingest.textparse.ParallelParse;
import io.moraine.ingest.textparse.SampleSink;
import io.moraine.ingest.textparse.SeriesRegistry;
import io.moraine.ingest.textparse.TextParseException;
import io.moraine.tsdb.TsdbOptions;
import io.moraine.tsdb.backfill.Backfill;
import io.moraine.tsdb.block.BlockMeta;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports an OpenMetrics file into 2 h blocks: the file is memory-mapped and parsed on one thread
 * per core into per-thread sample buffers, then the blocks are written and moved into the data
 * directory. A bad line stops the import before anything reaches the directory.
 */
public final class TsdbOpenMetricsImporter implements OpenMetricsImporter {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(TsdbOpenMetricsImporter.class);

  /** The machines we target have 2 cores; more parse threads than cores only add contention. */
  private static final int MAX_THREADS = Runtime.getRuntime().availableProcessors();

  @Override
  public ImportResult run(Path file, Path dataDir, ProgressListener progress)
      throws ImportException, IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("cannot read " + file + ": no such file");
    }
    long size = Files.size(file);
    try (Arena arena = Arena.ofShared();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        Backfill backfill =
            new Backfill(dataDir, TsdbOptions.DEFAULT.blockRangeMillis(), Clock.SYSTEM)) {
      MemorySegment input = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      double bytesPerSample = bytesPerLine(input);
      List<Sink> sinks = new ArrayList<>();
      for (int i = 0; i < Math.max(1, MAX_THREADS); i++) {
        sinks.add(new Sink(backfill, backfill.feeder()));
      }
      long t0 = Clock.SYSTEM.nanoTime();
      long samples = parse(input, sinks, size, bytesPerSample, progress);
      long t1 = Clock.SYSTEM.nanoTime();
      List<BlockMeta> blocks = backfill.finish();
      LOG.atInfo()
          .addKeyValue("parse_seconds", (t1 - t0) / 1e9)
          .addKeyValue("write_seconds", (Clock.SYSTEM.nanoTime() - t1) / 1e9)
          .log("import done");
      progress.progress(size, size, samples);
      long mint = 0;
      long maxt = 0;
      for (BlockMeta b : blocks) {
        mint = mint == 0 ? b.minTime() : Math.min(mint, b.minTime());
        maxt = Math.max(maxt, b.maxTime() - 1);
      }
      return new ImportResult(samples, backfill.seriesCount(), blocks.size(), mint, maxt);
    }
  }

  private static long parse(
      MemorySegment input,
      List<Sink> sinks,
      long size,
      double bytesPerSample,
      ProgressListener progress)
      throws ImportException, IOException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] total = new long[1];
    Thread worker =
        Thread.ofPlatform()
            .name("openmetrics-import")
            .start(
                () -> {
                  try {
                    total[0] = ParallelParse.parse(input, new SeriesRegistry(), sinks);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.set(e);
                  } catch (RuntimeException | Error e) {
                    failure.set(e);
                  }
                });
    try {
      while (!worker.join(java.time.Duration.ofMillis(200))) {
        long n = 0;
        for (Sink s : sinks) {
          n += s.feeder.samples();
        }
        progress.progress(Math.min(size, (long) (n * bytesPerSample)), size, n);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("import interrupted", e);
    }
    Throwable f = failure.get();
    if (f instanceof TextParseException e) {
      throw new ImportException(e.line(), e.reason());
    } else if (f instanceof RuntimeException e) {
      throw e;
    } else if (f instanceof Error e) {
      throw e;
    } else if (f != null) {
      throw new IOException("import failed", f);
    }
    return total[0];
  }

  /**
   * Average line length of the first 64 KiB, to turn samples read into a progress estimate (this
   * runs before the JIT has warmed up: a MiB took 80 ms in an import profile).
   */
  private static double bytesPerLine(MemorySegment input) {
    long n = Math.min(input.byteSize(), 64 << 10);
    long lines = 0;
    for (long i = 0; i < n; i++) {
      if (input.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) == '\n') {
        lines++;
      }
    }
    return lines == 0 ? 1 : (double) n / lines;
  }

  /** One parse thread's sink: series go to the shared registry, samples to its own buffers. */
  private record Sink(Backfill backfill, Backfill.Feeder feeder) implements SampleSink {
    @Override
    public void series(int id, Labels labels) {
      backfill.series(id, labels);
    }

    @Override
    public void sample(int id, long timestampMillis, double value) {
      feeder.sample(id, timestampMillis, value);
    }
  }
}
