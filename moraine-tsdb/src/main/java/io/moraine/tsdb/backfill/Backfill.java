package io.moraine.tsdb.backfill;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.block.BlockMeta;
import io.moraine.tsdb.chunk.DenseEncoder;
import io.moraine.tsdb.compact.BlockWriter;
import io.moraine.tsdb.fs.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Loads samples of many series into blocks aligned to the block range, as {@code promtool tsdb
 * create-blocks-from} does. Several threads feed samples, each through its own {@link Feeder};
 * series are announced once with a global id. Nothing reaches the data directory until {@link
 * #finish} moves the finished blocks in; {@link #abort} leaves it untouched.
 */
public final class Backfill implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Backfill.class);

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

  /**
   * Per-thread sample buffers indexed by series id, each an interleaved {@code (t, value bits)}
   * array so that a sample costs one cache line, not two. Not thread-safe.
   */
  // Slots of ids this thread has not seen are null.
  @SuppressWarnings("NullAway")
  public static final class Feeder {
    private long[][] tv = new long[1024][];
    private int[] len = new int[1024];
    private long samples;

    public void sample(int id, long t, double v) {
      if (id >= tv.length) {
        int cap = Math.max(id + 1, tv.length * 2);
        tv = Arrays.copyOf(tv, cap);
        len = Arrays.copyOf(len, cap);
      }
      long[] a = tv[id];
      int n = len[id];
      if (a == null) {
        // Half a 2 h block at 10 s: a time-major file split in two feeds each thread that much.
        a = new long[2 * 64];
        tv[id] = a;
      } else if (n + 2 > a.length) {
        a = Arrays.copyOf(a, (n + (n >> 1) + 16) & ~1); // whole (t, v) pairs
        tv[id] = a;
      }
      a[n] = t;
      a[n + 1] = Double.doubleToRawLongBits(v);
      len[id] = n + 2;
      samples++;
    }

    public long samples() {
      return samples;
    }

    int count(int id) {
      return id < len.length ? len[id] / 2 : 0;
    }

    /** Appends this thread's samples of {@code id} to {@code out} and frees them. */
    void drainInto(int id, SeriesBuffer out) {
      int n = count(id);
      long[] a = tv[id];
      for (int k = 0; k < n; k++) {
        out.add(a[2 * k], Double.longBitsToDouble(a[2 * k + 1]));
      }
      tv[id] = null;
    }
  }

  /**
   * Writes the blocks and moves them into the data directory.
   *
   * @return the metas of the blocks written, oldest first
   */
  public List<BlockMeta> finish() throws IOException {
    long t0 = clock.nanoTime();
    Integer[] order = labels.keySet().toArray(new Integer[0]);
    Labels[] byId = new Labels[order.length == 0 ? 0 : maxId(order) + 1];
    for (Integer id : order) {
      byId[id] = labelsOf(id);
    }
    // Comparing label sets with long shared prefixes dominates here: sort on every core.
    Arrays.parallelSort(order, (x, y) -> byId[x].compareTo(byId[y]));
    List<Integer> ids = Arrays.asList(order);
    long t1 = clock.nanoTime();
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
    long t2 = clock.nanoTime();
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
    Dirs.deleteTree(work);
    LOG.atInfo()
        .addKeyValue("series", ids.size())
        .addKeyValue("blocks", metas.size())
        .addKeyValue("sort_seconds", (t1 - t0) / 1e9)
        .addKeyValue("merge_seconds", (t2 - t1) / 1e9)
        .addKeyValue("write_seconds", (clock.nanoTime() - t2) / 1e9)
        .log("backfill blocks written");
    return metas;
  }

  private static int maxId(Integer[] ids) {
    int max = 0;
    for (Integer id : ids) {
      max = Math.max(max, id);
    }
    return max;
  }

  private Labels labelsOf(int id) {
    return java.util.Objects.requireNonNull(labels.get(id), "BUG: series without labels");
  }

  private SeriesBuffer merge(int id) {
    int total = 0;
    for (Feeder f : feeders) {
      total += f.count(id);
    }
    SeriesBuffer out = new SeriesBuffer(total);
    for (Feeder f : feeders) {
      if (f.count(id) > 0) {
        f.drainInto(id, out);
      }
    }
    return out;
  }

  /** Series per encoding task: large enough to amortise a task, small enough to pipeline. */
  private static final int ENCODE_BATCH = 1024;

  /**
   * Writes one block: other threads encode batches of series while this one writes finished batches
   * in order, so encoding (parallel) and writing (sequential) overlap.
   */
  private @Nullable BlockMeta writeRange(
      List<Integer> ids, SeriesBuffer[] merged, long mint, long maxt) throws IOException {
    int n = ids.size();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ThreadLocal<DenseEncoder> encoders = ThreadLocal.withInitial(DenseEncoder::new);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads, BACKFILL_THREADS);
        BlockWriter w = new BlockWriter(work, mint, maxt, 1, List.of(), clock)) {
      List<Future<List<BlockWriter.@Nullable Encoded>>> batches = new ArrayList<>();
      for (int from = 0; from < n; from += ENCODE_BATCH) {
        int start = from;
        int end = Math.min(n, from + ENCODE_BATCH);
        batches.add(
            pool.submit(
                () -> {
                  List<BlockWriter.@Nullable Encoded> out = new ArrayList<>(end - start);
                  for (int i = start; i < end; i++) {
                    SeriesBuffer b = merged[i];
                    out.add(BlockWriter.encode(b.ts, b.vs, b.n, mint, maxt, encoders.get()));
                  }
                  return out;
                }));
      }
      int i = 0;
      for (Future<List<BlockWriter.@Nullable Encoded>> f : batches) {
        for (BlockWriter.Encoded e : join(f)) {
          if (e != null) {
            w.addEncoded(labelsOf(ids.get(i)), e);
          }
          i++;
        }
      }
      return w.finish();
    }
  }

  private static final java.util.concurrent.ThreadFactory BACKFILL_THREADS =
      Thread.ofPlatform().name("backfill-encode-", 0).factory();

  private static <T> T join(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("backfill interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("encoding failed", e.getCause());
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
    Dirs.deleteTree(work);
  }

  @Override
  public void close() {
    if (!done) {
      abort();
    }
  }
}
