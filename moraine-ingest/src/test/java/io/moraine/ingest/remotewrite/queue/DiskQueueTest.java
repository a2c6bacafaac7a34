package io.moraine.ingest.remotewrite.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.sample.StaleNaN;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQueueTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_000_000);

  record ListBatch(List<Labels> labels, long[] ts, double[] vs) implements SampleBatch {
    @Override
    public int size() {
      return ts.length;
    }

    @Override
    public Labels labels(int i) {
      return labels.get(i);
    }

    @Override
    public long t(int i) {
      return ts[i];
    }

    @Override
    public double v(int i) {
      return vs[i];
    }
  }

  private static ListBatch batch(int series, long t0, int n) {
    List<Labels> l = new ArrayList<>();
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      l.add(Labels.of("__name__", "m", "s", Integer.toString((series + i) % 3)));
      ts[i] = t0 + i;
      vs[i] = t0 + i * 0.5;
    }
    return new ListBatch(l, ts, vs);
  }

  private DiskQueue open(long segmentBytes, long maxBytes) {
    return DiskQueue.open(new QueueOptions(dir.resolve("q"), segmentBytes, maxBytes), clock);
  }

  private static QueueRecord next(DiskQueue q) throws InterruptedException {
    QueueRecord r = q.next(0);
    if (r == null) {
      throw new AssertionError("expected a record");
    }
    return r;
  }

  @Test
  void roundTripsLabelsTimesAndValuesBitExact() throws Exception {
    double[] values = {StaleNaN.VALUE, Double.NaN, -0.0, Double.POSITIVE_INFINITY, 1e-300};
    List<Labels> l = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      l.add(Labels.of("__name__", "up", "job", i % 2 == 0 ? "a" : "ünï"));
    }
    long[] ts = {-5, 0, 1, Long.MAX_VALUE, Long.MIN_VALUE};
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      q.append(new ListBatch(l, ts, values));
      QueueRecord r = next(q);
      assertThat(r.size()).isEqualTo(5);
      for (int i = 0; i < 5; i++) {
        assertThat(r.labels(i)).isEqualTo(l.get(i));
        assertThat(r.t(i)).isEqualTo(ts[i]);
        assertThat(Double.doubleToRawLongBits(r.v(i)))
            .isEqualTo(Double.doubleToRawLongBits(values[i]));
      }
      assertThat(r.labels(0)).isSameAs(r.labels(2));
      assertThat(q.next(0)).isNull();
      assertThat(q.unreadSamples()).isZero();
    }
  }

  @Test
  void restartResumesAfterTheLastAcknowledgedRecord() throws Exception {
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      q.append(batch(0, 100, 4));
      q.append(batch(0, 200, 3));
      q.append(batch(0, 300, 2));
      QueueRecord first = next(q);
      QueueRecord second = next(q);
      q.release(first, 4);
      q.release(second, 2); // one sample of the second is still unacknowledged
    }
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      assertThat(q.unreadSamples()).isEqualTo(5);
      assertThat(next(q).t(0)).isEqualTo(200);
      assertThat(next(q).t(0)).isEqualTo(300);
      assertThat(q.next(0)).isNull();
    }
  }

  @Test
  void acknowledgedSegmentsAreDeleted() throws Exception {
    try (DiskQueue q = open(256, 1 << 20)) {
      for (int i = 0; i < 20; i++) {
        q.append(batch(i, i * 100L, 5));
      }
      assertThat(segmentFiles()).hasSizeGreaterThan(3);
      QueueRecord r;
      while ((r = q.next(0)) != null) {
        q.release(r, r.size());
      }
      assertThat(segmentFiles()).hasSize(1);
    }
    try (DiskQueue q = open(256, 1 << 20)) {
      assertThat(q.next(0)).isNull();
    }
  }

  @Test
  void aTornTailIsCutAtTheLastGoodRecord() throws Exception {
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      q.append(batch(0, 100, 3));
      q.append(batch(0, 200, 3));
    }
    Path seg = segmentFiles().getFirst();
    long size = Files.size(seg);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.truncate(size - 5);
    }
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      assertThat(next(q).t(0)).isEqualTo(100);
      assertThat(q.next(0)).isNull();
      q.append(batch(0, 300, 1));
      assertThat(next(q).t(0)).isEqualTo(300);
    }
    assertThat(Files.size(seg)).isLessThan(size);
  }

  @Test
  void aFlippedByteEndsTheSegmentAtTheRecordBeforeIt() throws Exception {
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      q.append(batch(0, 100, 3));
      q.append(batch(0, 200, 3));
    }
    Path seg = segmentFiles().getFirst();
    byte[] b = Files.readAllBytes(seg);
    b[b.length - 3] ^= 0x40;
    Files.write(seg, b);
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      assertThat(next(q).t(0)).isEqualTo(100);
      assertThat(q.next(0)).isNull();
    }
  }

  @Test
  void whenFullTheOldestSegmentsAreDroppedAndCounted() throws Exception {
    long appended = 0;
    long read = 0;
    try (DiskQueue q = open(512, 2048)) {
      for (int i = 0; i < 100; i++) {
        q.append(batch(i, i * 10L, 5));
        appended += 5;
      }
      assertThat(q.diskBytes()).isLessThanOrEqualTo(2048);
      assertThat(q.droppedSamples()).isPositive();
      QueueRecord r;
      long firstT = Long.MIN_VALUE;
      while ((r = q.next(0)) != null) {
        if (firstT == Long.MIN_VALUE) {
          firstT = r.t(0);
        }
        read += r.size();
      }
      assertThat(firstT).isGreaterThan(0);
      assertThat(read + q.droppedSamples()).isEqualTo(appended);
    }
  }

  @Test
  void nextWaitsForAnAppend() throws Exception {
    try (DiskQueue q = open(1 << 20, 1 << 22)) {
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      return;
                    }
                    q.append(batch(0, 7, 1));
                  });
      QueueRecord r = q.next(5_000_000_000L);
      writer.join();
      assertThat(r).isNotNull();
      assertThat(r == null ? 0 : r.t(0)).isEqualTo(7);
    }
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("q"))) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{8}")).sorted().toList();
    }
  }
}
