package io.moraine.tsdb.compact;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.block.BlockMeta;
import io.moraine.tsdb.block.Ulid;
import io.moraine.tsdb.chunk.DenseEncoder;
import io.moraine.tsdb.chunk.Encoding;
import io.moraine.tsdb.chunkfile.ChunkFileWriter;
import io.moraine.tsdb.fs.Dirs;
import io.moraine.tsdb.index.ChunkMeta;
import io.moraine.tsdb.index.IndexWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Writes one block: series in label order, each re-encoded into DENSE chunks. The block appears
 * atomically: it is written under {@code .tmp-<id>} and renamed when complete. Not thread-safe.
 */
public final class BlockWriter implements AutoCloseable {
  /**
   * Samples per block chunk: 2 h at 10 s (720) fits one chunk; bigger chunks compress better but a
   * read decodes the whole chunk, so we stop at about a day of 1-minute samples.
   */
  static final int MAX_SAMPLES_PER_CHUNK = 1440;

  private final Path dataDir;
  private final Path tmp;
  private final String id;
  private final long mint;
  private final long maxt;
  private final int level;
  private final List<String> sources;
  private final ChunkFileWriter chunks;
  private final IndexWriter index;
  private final DenseEncoder encoder = new DenseEncoder();
  private final List<ChunkMeta> metas = new ArrayList<>();
  private long numSamples;
  private long numChunks;
  private long[] ts = new long[1024];
  private double[] vs = new double[1024];
  private boolean finished;

  /**
   * Starts a block for {@code [mint, maxt)} in {@code dataDir}.
   *
   * @param sources ids of the blocks this one replaces (empty for head and import blocks)
   */
  public BlockWriter(
      Path dataDir, long mint, long maxt, int level, List<String> sources, Clock clock)
      throws IOException {
    this.dataDir = dataDir;
    this.id = Ulid.generate(clock, RandomGenerator.getDefault());
    this.tmp = dataDir.resolve(".tmp-" + id);
    this.mint = mint;
    this.maxt = maxt;
    this.level = level;
    this.sources = List.copyOf(sources);
    Files.createDirectories(tmp);
    this.chunks = ChunkFileWriter.create(tmp.resolve("chunks"));
    this.index = new IndexWriter(tmp.resolve("index"));
  }

  /**
   * Adds a series (strictly increasing label order) with its samples, ascending in time; samples
   * outside the block's range are dropped. Series without samples in range are skipped.
   */
  public void addSeries(Labels labels, long[] t, double[] v, int n) throws IOException {
    Encoded e = encode(t, v, n, mint, maxt, encoder);
    if (e != null) {
      addEncoded(labels, e);
    }
  }

  /** One series' samples in {@code [mint, maxt)} encoded as DENSE chunks, ready to be written. */
  public record Encoded(List<byte[]> chunks, long[] mints, long[] maxts, int samples) {}

  /**
   * Encodes a series' samples in {@code [mint, maxt)} without writing them, so that several threads
   * can encode while one writes ({@link #addEncoded}). Null when none is in range.
   */
  public static @Nullable Encoded encode(
      long[] t, double[] v, int n, long mint, long maxt, DenseEncoder encoder) {
    int start = 0;
    while (start < n && t[start] < mint) {
      start++;
    }
    int end = start;
    while (end < n && t[end] < maxt) {
      end++;
    }
    if (end == start) {
      return null;
    }
    int count = (end - start + MAX_SAMPLES_PER_CHUNK - 1) / MAX_SAMPLES_PER_CHUNK;
    List<byte[]> out = new ArrayList<>(count);
    long[] mints = new long[count];
    long[] maxts = new long[count];
    int c = 0;
    for (int i = start; i < end; i += MAX_SAMPLES_PER_CHUNK, c++) {
      int len = Math.min(MAX_SAMPLES_PER_CHUNK, end - i);
      int bytes;
      if (i == 0) {
        bytes = encoder.encode(t, v, len);
      } else {
        bytes =
            encoder.encode(
                Arrays.copyOfRange(t, i, i + len), Arrays.copyOfRange(v, i, i + len), len);
      }
      out.add(Arrays.copyOf(encoder.bytes(), bytes));
      mints[c] = t[i];
      maxts[c] = t[i + len - 1];
    }
    return new Encoded(out, mints, maxts, end - start);
  }

  /** Writes a series encoded by {@link #encode}; series come in strictly increasing order. */
  public void addEncoded(Labels labels, Encoded e) throws IOException {
    metas.clear();
    for (int c = 0; c < e.chunks().size(); c++) {
      byte[] b = e.chunks().get(c);
      long ref = chunks.write(Encoding.DENSE, b, 0, b.length);
      metas.add(new ChunkMeta(ref, e.mints()[c], e.maxts()[c]));
      numChunks++;
    }
    numSamples += e.samples();
    index.addSeries(labels, metas);
  }

  /** Adds every series of a sorted set, reading all samples in range. */
  public void addAll(SeriesSet set) throws IOException {
    @Nullable SampleIterator it = null;
    Labels prev = null;
    while (set.next()) {
      Series s = set.at();
      if (prev != null && prev.compareTo(s.labels()) >= 0) {
        throw new IllegalStateException("BUG: series set not sorted at " + s.labels());
      }
      prev = s.labels();
      it = s.iterator(it);
      int n = 0;
      while (it.next()) {
        if (n == ts.length) {
          ts = Arrays.copyOf(ts, n * 2);
          vs = Arrays.copyOf(vs, n * 2);
        }
        ts[n] = it.atT();
        vs[n] = it.atV();
        n++;
      }
      addSeries(s.labels(), ts, vs, n);
    }
  }

  /**
   * Completes the block and moves it into place.
   *
   * @return its meta, or null when it holds no series (nothing is left on disk then)
   */
  public @Nullable BlockMeta finish() throws IOException {
    finished = true;
    int series = index.numSeries();
    chunks.close();
    index.close();
    if (series == 0) {
      Dirs.deleteTree(tmp);
      return null;
    }
    BlockMeta meta =
        new BlockMeta(
            id,
            mint,
            maxt,
            new BlockMeta.Stats(numSamples, series, numChunks),
            new BlockMeta.Compaction(level, sources.isEmpty() ? List.of(id) : sources),
            BlockMeta.VERSION);
    meta.write(tmp);
    Files.move(tmp, dataDir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
    return meta;
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      try {
        chunks.close();
        index.abort();
      } finally {
        Dirs.deleteTree(tmp);
      }
    }
  }
}
