package io.moraine.tsdb.wal;

import static io.moraine.tsdb.wal.WalFixtures.SMALL;
import static io.moraine.tsdb.wal.WalFixtures.metrics;
import static io.moraine.tsdb.wal.WalFixtures.open;
import static io.moraine.tsdb.wal.WalFixtures.readAll;
import static io.moraine.tsdb.wal.WalFixtures.rec;
import static io.moraine.tsdb.wal.WalFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  @TempDir
  Path dir;

  @Test
  void recordsRoundTripAcrossSegmentsInOrder() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      for (int i = 0; i < 300; i++) {
        wal.log(rec("r" + i, 1 + (i * 37) % 400));
      }
      assertThat(wal.segments().first()).isEqualTo(1);
      assertThat(wal.segments().last()).isGreaterThan(5);
    }
    assertThat(readAll(WalReader.segments(dir, 0))).isEqualTo(texts("r", 0, 300));
    for (int n : Segments.list(dir)) {
      assertThat(Files.size(Segments.path(dir, n))).isLessThanOrEqualTo(SMALL.maxSegmentBytes());
    }
  }

  @Test
  void readerExposesTypeFileAndOffset() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      byte[] typed = rec("x");
      typed[0] = 7;
      wal.log(rec("a"), typed);
    }
    try (WalReader r = WalReader.segments(dir, 1)) {
      assertThat(r.next()).isTrue();
      assertThat(r.offset()).isEqualTo(Segments.HEADER_BYTES);
      assertThat(r.next()).isTrue();
      assertThat(r.type()).isEqualTo((byte) 7);
      assertThat(r.record().get(r.record().position())).isEqualTo((byte) 7);
      assertThat(r.offset()).isEqualTo(Segments.HEADER_BYTES + 8 + 2);
      assertThat(r.file()).isEqualTo(Segments.path(dir, 1));
      assertThat(r.next()).isFalse();
    }
  }

  @Test
  void batchStartsInAFreshSegmentAndLargeBatchesSplitAtRecords() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      wal.log(rec("first", 3000));
      wal.log(rec("b0", 1000), rec("b1", 1000)); // does not fit behind "first": new segment
      List<byte[]> big = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        big.add(rec("big" + i, 1500));
      }
      wal.log(big.toArray(new byte[0][]));
    }
    assertThat(readAll(WalReader.segments(dir, 1)).subList(0, 3))
        .containsExactly("first", "b0", "b1");
    assertThat(readAll(WalReader.segments(dir, 2)).subList(0, 2)).containsExactly("b0", "b1");
    assertThat(readAll(WalReader.segments(dir, 1))).hasSize(13);
  }

  @Test
  void refusesInvalidRecordsWithoutWritingAnything() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      assertThatThrownBy(() -> wal.log(rec("ok"), new byte[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("record 1 has 0 bytes");
      assertThatThrownBy(() -> wal.log(new byte[] {0, 1, 2}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reserved type 0");
      assertThatThrownBy(() -> wal.log(rec("huge", SMALL.maxRecordBytes() + 1)))
          .isInstanceOf(IllegalArgumentException.class);
      wal.log(rec("max", SMALL.maxRecordBytes()));
    }
    assertThat(readAll(WalReader.segments(dir, 1))).containsExactly("max");
  }

  @Test
  void callerBuffersAreNotConsumed() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(rec("keep"));
    try (Wal wal = open(dir, SMALL, metrics())) {
      wal.log(b);
      wal.log(b);
    }
    assertThat(b.position()).isZero();
    assertThat(readAll(WalReader.segments(dir, 1))).containsExactly("keep", "keep");
  }

  @Test
  void concurrentLoggersWriteEveryRecordExactlyOnceAndBatchesStayContiguous() throws Exception {
    int threads = 8;
    int batches = 200;
    MetricRegistry registry = new MetricRegistry();
    WalMetrics m = new WalMetrics(registry);
    try (Wal wal = open(dir, new WalOptions(64 << 10, 1000), m)) {
      List<Thread> ts = new ArrayList<>();
      List<Throwable> errors = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        ts.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        for (int b = 0; b < batches; b++) {
                          int n = 1 + (b % 3);
                          byte[][] recs = new byte[n][];
                          for (int i = 0; i < n; i++) {
                            recs[i] = rec(id + "/" + b + "/" + i + "/" + n, 50 + b);
                          }
                          wal.log(recs);
                        }
                      } catch (Throwable e) {
                        synchronized (errors) {
                          errors.add(e);
                        }
                      }
                    }));
      }
      for (Thread t : ts) {
        t.join();
      }
      assertThat(errors).isEmpty();
    }
    List<String> all = readAll(WalReader.segments(dir, 0));
    int[] nextBatch = new int[threads];
    int expected = 0;
    for (int i = 0; i < all.size(); ) {
      String[] p = all.get(i).split("/");
      int t = Integer.parseInt(p[0]);
      int b = Integer.parseInt(p[1]);
      int n = Integer.parseInt(p[3]);
      assertThat(b).as("thread %d batch order", t).isEqualTo(nextBatch[t]);
      for (int k = 0; k < n; k++) {
        assertThat(all.get(i + k)).isEqualTo(t + "/" + b + "/" + k + "/" + n);
      }
      nextBatch[t]++;
      expected += n;
      i += n;
    }
    assertThat(nextBatch).containsOnly(batches);
    assertThat(all).hasSize(expected);
    assertThat(m.logCalls.get()).isEqualTo((long) threads * batches);
    assertThat(m.writes.get()).isBetween(1L, (long) threads * batches);
  }

  @Test
  void cutAndTruncateBefore() throws IOException {
    MetricRegistry registry = new MetricRegistry();
    WalMetrics m = new WalMetrics(registry);
    try (Wal wal = open(dir, SMALL, m)) {
      wal.log(rec("s1"));
      assertThat(wal.cut()).isEqualTo(2);
      wal.log(rec("s2"));
      assertThat(wal.cut()).isEqualTo(3);
      wal.log(rec("s3"));
      assertThat(wal.segments()).isEqualTo(new SegmentRange(1, 3));
      long before = (long) m.sizeBytes.get();
      assertThat(before).isEqualTo(sizeOnDisk());

      wal.truncateBefore(3);
      assertThat(wal.segments()).isEqualTo(new SegmentRange(3, 3));
      assertThat(Segments.list(dir)).containsExactly(3);
      assertThat((long) m.sizeBytes.get()).isEqualTo(sizeOnDisk()).isLessThan(before);
      assertThat(m.truncations.get()).isEqualTo(1);
      assertThatThrownBy(() -> wal.truncateBefore(4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("being written");
      wal.log(rec("s3b"));
    }
    assertThat(readAll(WalReader.segments(dir, 1))).containsExactly("s3", "s3b");
    try (Wal wal = open(dir, SMALL, metrics())) {
      assertThat(wal.segments()).isEqualTo(new SegmentRange(3, 3));
      wal.log(rec("after reopen"));
    }
    assertThat(readAll(WalReader.replay(dir))).containsExactly("s3", "s3b", "after reopen");
  }

  @Test
  void fsyncEveryCallIsMeasured() throws IOException {
    MetricRegistry registry = new MetricRegistry();
    try (Wal wal = Wal.open(dir, new WalOptions(4096, 0), new WalMetrics(registry), Clock.SYSTEM)) {
      wal.log(rec("a"));
      wal.log(rec("b"));
      wal.sync();
    }
    String text = WalFixtures.exposition(registry);
    // two log calls, one explicit sync, close has nothing left to sync
    assertThat(text).contains("moraine_tsdb_wal_fsync_duration_seconds_count 3");
    assertThat(text).contains("moraine_tsdb_wal_segment_current 1");
    assertThat(text).contains("moraine_tsdb_wal_log_calls_total 2");
  }

  @Test
  void closedWalRefusesWork() throws IOException {
    Wal wal = open(dir, SMALL, metrics());
    wal.close();
    wal.close();
    assertThatThrownBy(() -> wal.log(rec("late")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(wal::cut).isInstanceOf(IOException.class);
  }

  private long sizeOnDisk() throws IOException {
    long total = 0;
    for (int n : Segments.list(dir)) {
      total += Files.size(Segments.path(dir, n));
    }
    return total;
  }
}
