package io.moraine.tsdb.chunkfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.tsdb.chunk.Encoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadChunkFileTest {
  private final Path tmp;

  HeadChunkFileTest(@TempDir Path tmp) {
    this.tmp = tmp;
  }

  @SuppressWarnings("ArrayRecordComponent") // data is compared element-wise
  private record Entry(long ref, long seriesRef, long mint, long maxt, Encoding enc, byte[] data) {}

  private static Entry write(HeadChunkFile f, SplittableRandom r, long series) throws IOException {
    byte[] data = new byte[r.nextInt(1, 400)];
    r.nextBytes(data);
    long mint = r.nextLong(-1_000_000, 1_000_000);
    long maxt = mint + r.nextInt(1_000_000);
    Encoding enc = r.nextBoolean() ? Encoding.XOR : Encoding.DENSE;
    long ref = f.write(series, mint, maxt, enc, data, 0, data.length);
    return new Entry(ref, series, mint, maxt, enc, data);
  }

  private static List<Entry> scanAll(Path dir, List<HeadChunkScanner.Result> result)
      throws IOException {
    List<Entry> seen = new ArrayList<>();
    try (HeadChunkFile f = HeadChunkFile.open(dir, 1 << 20, true)) {
      HeadChunkScanner.Result res =
          HeadChunkScanner.scan(
              dir,
              (ref, series, mint, maxt, enc, len) -> {
                ChunkBuf buf = new ChunkBuf();
                assertThat(f.read(ref, buf)).isEqualTo(enc);
                assertThat(buf.length()).isEqualTo(len);
                seen.add(
                    new Entry(
                        ref, series, mint, maxt, enc, Arrays.copyOf(buf.data(), buf.length())));
              });
      result.add(res);
    }
    return seen;
  }

  private static void assertSameEntries(List<Entry> actual, List<Entry> expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Entry a = actual.get(i);
      Entry e = expected.get(i);
      assertThat(a.ref()).isEqualTo(e.ref());
      assertThat(a.seriesRef()).isEqualTo(e.seriesRef());
      assertThat(a.mint()).isEqualTo(e.mint());
      assertThat(a.maxt()).isEqualTo(e.maxt());
      assertThat(a.enc()).isEqualTo(e.enc());
      assertThat(a.data()).isEqualTo(e.data());
    }
  }

  @Test
  void writtenEntriesAreReadableAtOnceAndScannedAfterRestart() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    SplittableRandom r = new SplittableRandom(5);
    List<Entry> written = new ArrayList<>();
    try (HeadChunkFile f = HeadChunkFile.open(dir, 8 << 10, true)) {
      ChunkBuf buf = new ChunkBuf();
      for (int i = 0; i < 300; i++) {
        Entry e = write(f, r, i % 17 + 1);
        written.add(e);
        assertThat(f.read(e.ref(), buf)).isEqualTo(e.enc());
        assertThat(buf.seriesRef()).isEqualTo(e.seriesRef());
        assertThat(buf.minTime()).isEqualTo(e.mint());
        assertThat(buf.maxTime()).isEqualTo(e.maxt());
        assertThat(Arrays.copyOf(buf.data(), buf.length())).isEqualTo(e.data());
      }
      assertThat(f.currentSegment()).isGreaterThan(3);
    }
    List<HeadChunkScanner.Result> res = new ArrayList<>();
    assertSameEntries(scanAll(dir, res), written);
    assertThat(res.get(0)).isEqualTo(new HeadChunkScanner.Result(300, 0, 0));
    // the preallocated tail of the last segment was trimmed at close
    int last = SegmentFiles.list(dir).getLast();
    Entry lastEntry = written.getLast();
    assertThat(Files.size(dir.resolve(SegmentFiles.name(last))))
        .isEqualTo(
            ChunkRef.offset(lastEntry.ref())
                + Entries.size(SegmentKind.HEAD, lastEntry.data().length));
  }

  @Test
  void appendsAfterARestartGoToANewSegment() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    SplittableRandom r = new SplittableRandom(6);
    List<Entry> written = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      HeadChunkScanner.scan(dir, (ref, s, mint, maxt, enc, len) -> {});
      try (HeadChunkFile f = HeadChunkFile.open(dir, 1 << 20, true)) {
        for (int i = 0; i < 10; i++) {
          written.add(write(f, r, run));
        }
        assertThat(f.currentSegment()).isEqualTo(run + 1);
      }
    }
    assertSameEntries(scanAll(dir, new ArrayList<>()), written);
  }

  @Test
  void aTornTailIsCutAndReported() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    SplittableRandom r = new SplittableRandom(7);
    List<Entry> written = new ArrayList<>();
    try (HeadChunkFile f = HeadChunkFile.open(dir, 1 << 20, true)) {
      for (int i = 0; i < 20; i++) {
        written.add(write(f, r, i));
      }
    }
    Path file = dir.resolve("000001");
    long size = Files.size(file);
    Entry last = written.removeLast();
    // the last entry lost its final bytes, and zeros follow (a preallocated file after a crash)
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3);
      ch.write(ByteBuffer.allocate(4096), size - 3);
    }
    List<HeadChunkScanner.Result> res = new ArrayList<>();
    assertSameEntries(scanAll(dir, res), written);
    long lastSize = Entries.size(SegmentKind.HEAD, last.data().length);
    assertThat(res.get(0)).isEqualTo(new HeadChunkScanner.Result(19, lastSize - 3, 0));
    assertThat(Files.size(file)).isEqualTo(ChunkRef.offset(last.ref()));
    // scanning again finds a clean file
    assertThat(HeadChunkScanner.scan(dir, (ref, s, mint, maxt, enc, len) -> {}))
        .isEqualTo(new HeadChunkScanner.Result(19, 0, 0));
  }

  @Test
  void aZeroTailAfterACrashIsNotTorn() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    SplittableRandom r = new SplittableRandom(8);
    List<Entry> written = new ArrayList<>();
    try (HeadChunkFile f = HeadChunkFile.open(dir, 1 << 20, true)) {
      for (int i = 0; i < 5; i++) {
        written.add(write(f, r, i));
      }
    }
    Path file = dir.resolve("000001");
    long size = Files.size(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(1), (1 << 20) - 1); // as preallocated, never written
    }
    List<HeadChunkScanner.Result> res = new ArrayList<>();
    assertSameEntries(scanAll(dir, res), written);
    assertThat(res.get(0)).isEqualTo(new HeadChunkScanner.Result(5, 0, 0));
    assertThat(Files.size(file)).isEqualTo(size);
  }

  @Test
  void aCorruptEntryInAnEarlierSegmentDropsEverythingAfterIt() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    SplittableRandom r = new SplittableRandom(9);
    List<Entry> written = new ArrayList<>();
    try (HeadChunkFile f = HeadChunkFile.open(dir, 4096, true)) {
      for (int i = 0; i < 100; i++) {
        written.add(write(f, r, i));
      }
    }
    int segments = SegmentFiles.list(dir).size();
    assertThat(segments).isGreaterThan(4);
    Entry victim =
        written.stream().filter(e -> ChunkRef.segment(e.ref()) == 2).skip(1).findFirst().get();
    ChunkFileTest.flipByte(
        dir.resolve("000002"), ChunkRef.offset(victim.ref()) + 30); // inside its data
    List<Entry> expected = written.subList(0, written.indexOf(victim));
    List<HeadChunkScanner.Result> res = new ArrayList<>();
    assertSameEntries(scanAll(dir, res), expected);
    assertThat(res.get(0).removedSegments()).isEqualTo(segments - 2);
    assertThat(res.get(0).tornBytes()).isPositive();
    assertThat(SegmentFiles.list(dir)).containsExactly(1, 2);
  }

  @Test
  void unknownVersionIsRefusedNotRepaired() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    try (HeadChunkFile f = HeadChunkFile.open(dir, 4096, true)) {
      write(f, new SplittableRandom(1), 1);
    }
    Path file = dir.resolve("000001");
    long size = Files.size(file);
    ChunkFileTest.writeByte(file, 4, (byte) 9);
    assertThatThrownBy(() -> HeadChunkScanner.scan(dir, (ref, s, mint, maxt, enc, len) -> {}))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported head chunk version 9")
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> HeadChunkFile.open(dir)).isInstanceOf(CorruptionException.class);
    assertThat(Files.size(file)).isEqualTo(size);
  }

  @Test
  void corruptReadNamesTheFile() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    try (HeadChunkFile f = HeadChunkFile.open(dir, 4096, true)) {
      long ref = f.write(3, 1, 2, Encoding.XOR, new byte[100], 0, 100);
      f.write(3, 3, 4, Encoding.XOR, new byte[100], 0, 100);
      // a second writer process has no place here; corrupt through the file instead
      ChunkFileTest.flipByte(dir.resolve("000001"), ChunkRef.offset(ref) + 40);
      assertThatThrownBy(() -> f.read(ref, new ChunkBuf()))
          .isInstanceOf(CorruptionException.class)
          .hasMessageContaining("000001")
          .hasMessageContaining("checksum mismatch");
      assertThatThrownBy(() -> f.read(ChunkRef.of(7, 8), new ChunkBuf()))
          .isInstanceOf(CorruptionException.class)
          .hasMessageContaining("000007");
    }
  }

  @Test
  void truncateBeforeDeletesOldSegmentsButNeverTheCurrentOne() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    SplittableRandom r = new SplittableRandom(10);
    try (HeadChunkFile f = HeadChunkFile.open(dir, 4096, true)) {
      List<Entry> written = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        written.add(write(f, r, i));
      }
      int current = f.currentSegment();
      assertThat(f.truncateBefore(3)).isEqualTo(2);
      assertThat(SegmentFiles.list(dir)).doesNotContain(1, 2).contains(3, current);
      Entry old = written.getFirst();
      assertThatThrownBy(() -> f.read(old.ref(), new ChunkBuf()))
          .isInstanceOf(CorruptionException.class);
      assertThat(f.truncateBefore(current + 5)).isEqualTo(current - 3);
      assertThat(SegmentFiles.list(dir)).containsExactly(current);
      Entry kept = written.getLast();
      ChunkBuf buf = new ChunkBuf();
      f.read(kept.ref(), buf);
      assertThat(Arrays.copyOf(buf.data(), buf.length())).isEqualTo(kept.data());
      written.add(write(f, r, 99));
      f.read(written.getLast().ref(), buf);
    }
    HeadChunkFile closed = HeadChunkFile.open(dir);
    closed.close();
    assertThatThrownBy(() -> closed.truncateBefore(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.read(ChunkRef.of(1, 8), new ChunkBuf()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void readersRunConcurrentlyWithTheWriter() throws Exception {
    Path dir = tmp.resolve("chunks_head");
    ConcurrentLinkedQueue<Entry> published = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong reads = new AtomicLong();
    try (HeadChunkFile f = HeadChunkFile.open(dir, 16 << 10, true)) {
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th =
            Thread.ofPlatform()
                .start(
                    () -> {
                      ChunkBuf buf = new ChunkBuf();
                      try {
                        while (!done.get()) {
                          for (Entry e : published) {
                            f.read(e.ref(), buf);
                            if (!Arrays.equals(
                                buf.data(), 0, buf.length(), e.data(), 0, e.data().length)) {
                              throw new AssertionError("wrong data at " + e.ref());
                            }
                            reads.incrementAndGet();
                          }
                        }
                      } catch (Throwable e) {
                        failure.set(e);
                      }
                    });
        readers.add(th);
      }
      SplittableRandom r = new SplittableRandom(11);
      for (int i = 0; i < 2000; i++) {
        published.add(write(f, r, i));
      }
      done.set(true);
      for (Thread th : readers) {
        th.join();
      }
      assertThat(f.currentSegment()).isGreaterThan(10);
    }
    assertThat(failure.get()).isNull();
    assertThat(reads.get()).isPositive();
  }
}
