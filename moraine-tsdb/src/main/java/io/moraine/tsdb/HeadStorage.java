package io.moraine.tsdb;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.fs.Dirs;
import io.moraine.tsdb.head.Head;
import io.moraine.tsdb.head.HeadChunkFiles;
import io.moraine.tsdb.head.HeadReplay;
import io.moraine.tsdb.head.WalHeadLog;
import io.moraine.tsdb.record.RecordBuffer;
import io.moraine.tsdb.record.RecordType;
import io.moraine.tsdb.record.SampleBatch;
import io.moraine.tsdb.record.SampleCodec;
import io.moraine.tsdb.record.SeriesBatch;
import io.moraine.tsdb.record.SeriesCodec;
import io.moraine.tsdb.wal.Checkpoint;
import io.moraine.tsdb.wal.SegmentRange;
import io.moraine.tsdb.wal.Wal;
import io.moraine.tsdb.wal.WalMetrics;
import io.moraine.tsdb.wal.WalOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head with its files: the WAL in {@code wal/} and full chunks in {@code chunks_head/}. Owns
 * replay at start-up, truncation with WAL checkpoints after head compaction, and clean shutdown.
 */
final class HeadStorage {
  private static final Logger LOG = LoggerFactory.getLogger(HeadStorage.class);

  private final Wal wal;
  private final HeadChunkFiles chunkFiles;
  private final Head head;

  private HeadStorage(Wal wal, HeadChunkFiles chunkFiles, Head head) {
    this.wal = wal;
    this.chunkFiles = chunkFiles;
    this.head = head;
  }

  static HeadStorage open(Path dir, TsdbOptions o, Clock clock, MetricRegistry registry)
      throws IOException {
    Wal wal =
        Wal.open(
            dir.resolve("wal"),
            new WalOptions(o.walSegmentBytes(), o.walFsyncIntervalMillis()),
            new WalMetrics(registry),
            clock);
    try {
      HeadChunkFiles chunks = HeadChunkFiles.open(dir.resolve("chunks_head"));
      Head head = new Head(o.blockRangeMillis(), chunks, new WalHeadLog(wal));
      return new HeadStorage(wal, chunks, head);
    } catch (IOException | RuntimeException e) {
      wal.close();
      throw e;
    }
  }

  Head head() {
    return head;
  }

  /** Rebuilds the head from chunks_head/ and the WAL. */
  void replay() throws IOException {
    HeadReplay.replay(head, wal, chunkFiles.scan());
  }

  /**
   * Drops head data before {@code mint} (now in a block), checkpoints the WAL behind it and deletes
   * head chunk files no series needs any more.
   */
  void truncate(long mint) throws IOException {
    head.truncate(mint);
    SegmentRange before = wal.segments();
    int last = wal.cut() - 1;
    if (last >= before.first()) {
      Checkpoint.create(wal.dir(), before.first(), last, (type, rec) -> filter(type, rec, mint));
      wal.truncateBefore(last + 1);
      Checkpoint.deleteOlder(wal.dir(), last);
    }
    if (head.pinnedReaders() == 0) {
      chunkFiles.truncateBefore(mint);
    }
  }

  /** Keeps series still in the head and samples at or after {@code mint}. */
  private @Nullable ByteBuffer filter(byte type, ByteBuffer rec, long mint) {
    if (type == RecordType.SERIES) {
      SeriesBatch in = new SeriesBatch();
      SeriesCodec.decode(rec, in);
      SeriesBatch out = new SeriesBatch();
      for (int i = 0; i < in.size(); i++) {
        if (head.hasSeries(in.ref(i))) {
          out.add(in.ref(i), in.labels(i));
        }
      }
      if (out.size() == 0) {
        return null;
      }
      RecordBuffer b = new RecordBuffer();
      SeriesCodec.encode(out, b);
      return b.asByteBuffer();
    }
    if (type == RecordType.SAMPLES) {
      SampleBatch in = new SampleBatch();
      SampleCodec.decode(rec, in);
      SampleBatch out = new SampleBatch();
      for (int i = 0; i < in.size(); i++) {
        if (in.t(i) >= mint && head.hasSeries(in.ref(i))) {
          out.add(in.ref(i), in.t(i), in.v(i));
        }
      }
      if (out.size() == 0) {
        return null;
      }
      RecordBuffer b = new RecordBuffer();
      SampleCodec.encode(out, b);
      return b.asByteBuffer();
    }
    return rec;
  }

  void syncQuietly() {
    try {
      wal.sync();
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("err", e.toString()).log("WAL fsync failed");
    }
  }

  long walSizeBytes() {
    return Dirs.sizeBytes(wal.dir());
  }

  /** WAL and head chunk files. */
  long sizeBytes() {
    return walSizeBytes() + chunkFiles.sizeBytes();
  }

  /** Closes the files without writing anything (a failed start-up: the WAL stays the truth). */
  void abandon() throws IOException {
    try {
      chunkFiles.close();
    } finally {
      wal.close();
    }
  }

  /** Writes open chunks to chunks_head/, then fsyncs and closes the WAL and chunk files. */
  void close() throws IOException {
    try {
      head.flushOpenChunks();
      chunkFiles.close();
    } finally {
      wal.close();
    }
  }
}
