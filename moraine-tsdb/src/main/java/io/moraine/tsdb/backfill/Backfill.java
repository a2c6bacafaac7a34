package io.moraine.tsdb.backfill;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.block.Block;
import io.moraine.tsdb.block.BlockMeta;
import io.moraine.tsdb.chunk.DenseEncoder;
import io.moraine.tsdb.compact.BlockWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Loads samples of many series into blocks aligned to the block range, as {@code promtool tsdb
 * create-blocks-from} does. Several threads feed samples, each through its own {@link Feeder};
 * series are announced once with a global id. Nothing reaches the data directory until {@link
 * #finish} moves the finished blocks in; {@link #abort} leaves it untouched.
 */
public final class Backfill implements AutoCloseable {
  private final Path dataDir;
  private final Path work;
  private final long blockRangeMillis;
  private final Clock clock;
  private final ConcurrentHashMap<Integer, Labels> labels = new ConcurrentHashMap<>();
  private final List<Feeder> feeders = new ArrayList<>();
  private boolean done;

  public Backfill(Path dataDir, long blockRangeMillis, Clock clock) throws IOException {
    this.dataDir = dataDir;
    this.blockRangeMillis = blockRangeMillis;
    this.clock = clock;
    Files.createDirectories(dataDir);
    this.work = Files.createTempDirectory(dataDir, ".tmp-backfill-");
  }

  /** Names series {@code id}; call once per id before or after its samples. Thread-safe. */
  public void series(int id, Labels l) {
    labels.put(id, l);
  }

  /** Distinct series announced so far. */
  public int seriesCount() {
    return labels.size();
  }

  /** A sample buffer for one thread; its samples must come in input order. */
  public synchronized Feeder feeder() {
    Feeder f = new Feeder();
    feeders.add(f);
    return f;
  }

  /** Per-thread sample buffers indexed by series id. Not thread-safe. */
  // Slots of ids this thread has not seen are null.
  @SuppressWarnings("NullAway")
  public static final class Feeder {
    private SeriesBuffer[] byId = new SeriesBuffer[1024];
    private long samples;

    public void sample(int id, long t, double v) {
      if (id >= byId.length) {
        byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
      }
      SeriesBuffer b = byId[id];
      if (b == null) {
        // Half a 2 h block at 10 s: a time-major file split in two feeds each thread that much.
        b = new SeriesBuffer(64);
        byId[id] = b;
      }
      b.add(t, v);
      samples++;
    }

    public long samples() {
      return samples;
    }
  }

  /**
   * Writes the blocks and moves them into the data directory.
   *
   * @return the metas of the blocks written, oldest first
   */
  public List<BlockMeta> finish() throws IOException {
    List<Integer> ids = new ArrayList<>(labels.keySet());
    ids.sort((a, b) -> labelsOf(a).compareTo(labelsOf(b)));
    SeriesBuffer[] merged = new SeriesBuffer[ids.size()];
    parallel(
        ids.size(),
        i -> {
          SeriesBuffer m = merge(ids.get(i));
          m.sortAndDedupe();
          merged[i] = m;
        });
    long mint = Long.MAX_VALUE;
    long maxt = Long.MIN_VALUE;
    for (SeriesBuffer m : merged) {
      if (m.n > 0) {
        mint = Math.min(mint, m.ts[0]);
        maxt = Math.max(maxt, m.ts[m.n - 1]);
      }
    }
    feeders.clear();
    List<BlockMeta> metas = new ArrayList<>();
    if (mint == Long.MAX_VALUE) {
      return metas;
    }
    for (long start = Math.floorDiv(mint, blockRangeMillis) * blockRangeMillis;
        start <= maxt;
        start += blockRangeMillis) {
      BlockMeta meta = writeRange(ids, merged, start, start + blockRangeMillis);
      if (meta != null) {
        metas.add(meta);
      }
    }
    for (BlockMeta m : metas) {
      Files.move(work.resolve(m.id()), dataDir.resolve(m.id()), StandardCopyOption.ATOMIC_MOVE);
    }
    done = true;
    Block.deleteDir(work);
    return metas;
  }

  @SuppressWarnings("NullAway") // clears feeder slots once merged
  private SeriesBuffer merge(int id) {
    SeriesBuffer out = null;
    for (Feeder f : feeders) {
      SeriesBuffer b = id < f.byId.length ? f.byId[id] : null;
      if (b == null) {
        continue;
      }
      f.byId[id] = null;
      if (out == null) {
        out = b;
      } else {
        out.addAll(b);
      }
    }
    return out == null ? new SeriesBuffer(0) : out;
  }

  private Labels labelsOf(int id) {
    return java.util.Objects.requireNonNull(labels.get(id), "BUG: series without labels");
  }

  @SuppressWarnings("NullAway") // encoded[i] is null for series without samples in range
  private @Nullable BlockMeta writeRange(
      List<Integer> ids, SeriesBuffer[] merged, long mint, long maxt) throws IOException {
    BlockWriter.Encoded[] encoded = new BlockWriter.Encoded[ids.size()];
    ThreadLocal<DenseEncoder> encoders = ThreadLocal.withInitial(DenseEncoder::new);
    parallel(
        ids.size(),
        i -> {
          SeriesBuffer b = merged[i];
          encoded[i] = BlockWriter.encode(b.ts, b.vs, b.n, mint, maxt, encoders.get());
        });
    try (BlockWriter w = new BlockWriter(work, mint, maxt, 1, List.of(), clock)) {
      for (int i = 0; i < ids.size(); i++) {
        BlockWriter.Encoded e = encoded[i];
        if (e != null) {
          w.addEncoded(labelsOf(ids.get(i)), e);
        }
      }
      return w.finish();
    }
  }

  /** Runs {@code task} for 0..n-1 on one thread per core, in contiguous slices. */
  private static void parallel(int n, java.util.function.IntConsumer task) throws IOException {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / 1024 + 1));
    Thread[] ts = new Thread[threads];
    AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
    for (int k = 0; k < threads; k++) {
      int from = (int) ((long) n * k / threads);
      int to = (int) ((long) n * (k + 1) / threads);
      ts[k] =
          Thread.ofPlatform()
              .name("backfill-" + k)
              .start(
                  () -> {
                    try {
                      for (int i = from; i < to; i++) {
                        task.accept(i);
                      }
                    } catch (RuntimeException e) {
                      failure.compareAndSet(null, e);
                    }
                  });
    }
    try {
      for (Thread t : ts) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("backfill interrupted");
    }
    RuntimeException f = failure.get();
    if (f != null) {
      throw f;
    }
  }

  /** Drops everything written so far. */
  public void abort() {
    done = true;
    Block.deleteDir(work);
  }

  @Override
  public void close() {
    if (!done) {
      abort();
    }
  }
}
