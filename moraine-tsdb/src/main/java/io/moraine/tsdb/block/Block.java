package io.moraine.tsdb.block;

import io.moraine.tsdb.chunkfile.ChunkBuf;
import io.moraine.tsdb.chunkfile.ChunkFileReader;
import io.moraine.tsdb.fs.Dirs;
import io.moraine.tsdb.index.BlockIndexReader;
import io.moraine.tsdb.index.IndexReader;
import io.moraine.tsdb.query.BlockReader;
import io.moraine.tsdb.query.ChunkSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persisted, immutable block: {@code meta.json}, {@code index} and {@code chunks/}. Thread-safe.
 * Readers pin it ({@link #reader}); once the store drops the block ({@link #retire}), its files are
 * closed and — when asked — deleted after the last reader releases it.
 */
public final class Block {
  private static final Logger LOG = LoggerFactory.getLogger(Block.class);

  private final Path dir;
  private final BlockMeta meta;
  private final BlockIndexReader index;
  private final ChunkFileReader chunks;
  private final long sizeBytes;

  /** One for the store's own reference plus one per pinned reader. */
  private final AtomicInteger refs = new AtomicInteger(1);

  private volatile boolean deleteWhenUnused;

  private Block(Path dir, BlockMeta meta, BlockIndexReader index, ChunkFileReader chunks) {
    this.dir = dir;
    this.meta = meta;
    this.index = index;
    this.chunks = chunks;
    this.sizeBytes = Dirs.sizeBytes(dir);
  }

  /**
   * Opens a block directory.
   *
   * @throws io.moraine.core.encoding.CorruptionException when a file fails its checks
   */
  public static Block open(Path dir) throws IOException {
    BlockMeta meta = BlockMeta.read(dir);
    BlockIndexReader index = BlockIndexReader.open(dir.resolve("index"));
    try {
      ChunkFileReader chunks = ChunkFileReader.open(dir.resolve("chunks"));
      return new Block(dir, meta, index, chunks);
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  public BlockMeta meta() {
    return meta;
  }

  public Path dir() {
    return dir;
  }

  public long minTime() {
    return meta.minTime();
  }

  /** Exclusive upper bound, as in Prometheus' meta.json. */
  public long maxTime() {
    return meta.maxTime();
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  /** A pinned reader; null when the block was retired meanwhile. */
  public BlockReader reader() {
    while (true) {
      int r = refs.get();
      if (r <= 0) {
        throw new IllegalStateException("BUG: reader() on a closed block " + meta.id());
      }
      if (refs.compareAndSet(r, r + 1)) {
        return new Reader();
      }
    }
  }

  /**
   * Drops the store's reference; files close (and are deleted when {@code delete}) once no reader
   * holds the block.
   */
  public void retire(boolean delete) {
    deleteWhenUnused = delete;
    unref();
  }

  private void unref() {
    if (refs.decrementAndGet() == 0) {
      index.close();
      chunks.close();
      if (deleteWhenUnused) {
        Dirs.deleteTree(dir);
      }
    }
  }

  private final class Reader implements BlockReader, ChunkSource {
    private final AtomicInteger released = new AtomicInteger();

    @Override
    public IndexReader index() {
      return index;
    }

    @Override
    public ChunkSource chunks() {
      return this;
    }

    @Override
    public long minTime() {
      return meta.minTime();
    }

    @Override
    public long maxTime() {
      return meta.maxTime() - 1;
    }

    @Override
    public void release() {
      if (released.compareAndSet(0, 1)) {
        unref();
      }
    }

    @Override
    public boolean load(int seriesId, long ref, ChunkBuf into) {
      chunks.read(ref, into);
      return true;
    }
  }

  @Override
  public String toString() {
    return "block " + meta.id() + " [" + meta.minTime() + ", " + meta.maxTime() + ")";
  }
}
