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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkFileTest {
  private final Path tmp;

  ChunkFileTest(@TempDir Path tmp) {
    this.tmp = tmp;
  }

  @SuppressWarnings("ArrayRecordComponent") // data is compared element-wise
  private record Written(long ref, Encoding enc, byte[] data) {}

  private List<Written> writeRandom(Path dir, int count, long maxSegmentBytes) throws IOException {
    SplittableRandom r = new SplittableRandom(count);
    List<Written> out = new ArrayList<>();
    try (ChunkFileWriter w = ChunkFileWriter.create(dir, maxSegmentBytes)) {
      for (int i = 0; i < count; i++) {
        byte[] data = new byte[r.nextInt(1, r.nextInt(10) == 0 ? 3000 : 200)];
        r.nextBytes(data);
        Encoding enc = r.nextBoolean() ? Encoding.XOR : Encoding.DENSE;
        // write from the middle of a bigger array
        byte[] holder = new byte[data.length + 10];
        System.arraycopy(data, 0, holder, 5, data.length);
        out.add(new Written(w.write(enc, holder, 5, data.length), enc, data));
      }
    }
    return out;
  }

  @Test
  void roundTripAcrossSegments() throws IOException {
    Path dir = tmp.resolve("chunks");
    List<Written> written = writeRandom(dir, 2000, 16 << 10);
    assertThat(SegmentFiles.list(dir)).hasSizeGreaterThan(5);
    assertThat(dir.resolve("000001")).exists();
    long prev = 0;
    for (Written w : written) {
      assertThat(w.ref()).isGreaterThan(prev);
      assertThat(ChunkRef.offset(w.ref())).isGreaterThanOrEqualTo(8);
      prev = w.ref();
    }
    try (ChunkFileReader reader = ChunkFileReader.open(dir)) {
      ChunkBuf buf = new ChunkBuf();
      for (Written w : written) {
        assertThat(reader.read(w.ref(), buf)).isEqualTo(w.enc());
        assertThat(buf.encoding()).isEqualTo(w.enc());
        assertThat(Arrays.copyOf(buf.data(), buf.length())).isEqualTo(w.data());
      }
      long total = 0;
      for (int s : SegmentFiles.list(dir)) {
        long size = Files.size(dir.resolve(SegmentFiles.name(s)));
        assertThat(size).isLessThanOrEqualTo(16 << 10);
        total += size;
      }
      assertThat(reader.sizeBytes()).isEqualTo(total);
    }
  }

  @Test
  void aChunkBiggerThanASegmentGetsOneOfItsOwn() throws IOException {
    Path dir = tmp.resolve("chunks");
    byte[] big = new byte[5000];
    new SplittableRandom(1).nextBytes(big);
    long r1;
    long r2;
    long r3;
    try (ChunkFileWriter w = ChunkFileWriter.create(dir, 1024)) {
      r1 = w.write(Encoding.XOR, new byte[] {1, 2, 3}, 0, 3);
      r2 = w.write(Encoding.DENSE, big, 0, big.length);
      r3 = w.write(Encoding.XOR, new byte[] {4}, 0, 1);
    }
    assertThat(ChunkRef.segment(r1)).isEqualTo(1);
    assertThat(ChunkRef.segment(r2)).isEqualTo(2);
    assertThat(ChunkRef.segment(r3)).isEqualTo(3);
    try (ChunkFileReader reader = ChunkFileReader.open(dir)) {
      ChunkBuf buf = new ChunkBuf();
      reader.read(r2, buf);
      assertThat(Arrays.copyOf(buf.data(), buf.length())).isEqualTo(big);
      reader.read(r3, buf);
      assertThat(buf.length()).isEqualTo(1);
    }
  }

  @Test
  void concurrentReadersSeeEveryChunk() throws Exception {
    Path dir = tmp.resolve("chunks");
    List<Written> written = writeRandom(dir, 3000, 64 << 10);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (ChunkFileReader reader = ChunkFileReader.open(dir)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(
            pool.submit(
                () -> {
                  ChunkBuf buf = new ChunkBuf();
                  SplittableRandom r = new SplittableRandom(seed);
                  int ok = 0;
                  for (int i = 0; i < 20_000; i++) {
                    Written w = written.get(r.nextInt(written.size()));
                    reader.read(w.ref(), buf);
                    if (Arrays.equals(buf.data(), 0, buf.length(), w.data(), 0, w.data().length)) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get()).isEqualTo(20_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void corruptionIsDetectedAndNamesTheSegment() throws IOException {
    Path dir = tmp.resolve("chunks");
    List<Written> written = writeRandom(dir, 50, 1 << 20);
    Written victim = written.get(17);
    Path file = dir.resolve(SegmentFiles.name(ChunkRef.segment(victim.ref())));
    long dataAt = ChunkRef.offset(victim.ref()) + 2 + (victim.data().length > 127 ? 1 : 0);
    flipByte(file, dataAt);
    try (ChunkFileReader reader = ChunkFileReader.open(dir)) {
      ChunkBuf buf = new ChunkBuf();
      assertThatThrownBy(() -> reader.read(victim.ref(), buf))
          .isInstanceOf(CorruptionException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("checksum mismatch")
          .satisfies(e -> assertThat(((CorruptionException) e).file()).isEqualTo(file));
      reader.read(written.get(16).ref(), buf); // its neighbours are fine
      reader.read(written.get(18).ref(), buf);
    }
    try (ChunkFileReader unverified = ChunkFileReader.open(dir, false)) {
      unverified.read(victim.ref(), new ChunkBuf());
    }
  }

  @Test
  void refsThatPointNowhereAreCorruption() throws IOException {
    Path dir = tmp.resolve("chunks");
    List<Written> written = writeRandom(dir, 10, 1 << 20);
    try (ChunkFileReader reader = ChunkFileReader.open(dir)) {
      ChunkBuf buf = new ChunkBuf();
      assertThatThrownBy(() -> reader.read(ChunkRef.of(2, 8), buf))
          .isInstanceOf(CorruptionException.class)
          .hasMessageContaining("000002");
      assertThatThrownBy(() -> reader.read(ChunkRef.of(1, 1 << 30), buf))
          .isInstanceOf(CorruptionException.class)
          .hasMessageContaining("000001");
      assertThatThrownBy(() -> reader.read(ChunkRef.of(1, 2), buf))
          .isInstanceOf(CorruptionException.class);
      // a ref into the middle of an entry: mostly a bad length or encoding, caught either way
      long inside = written.get(3).ref() + 1;
      assertThatThrownBy(() -> reader.read(inside, buf)).isInstanceOf(CorruptionException.class);
    }
  }

  @Test
  void unknownVersionAndWrongMagicAreRefused() throws IOException {
    Path dir = tmp.resolve("chunks");
    writeRandom(dir, 10, 1 << 20);
    Path file = dir.resolve("000001");
    writeByte(file, 4, (byte) 2);
    assertThatThrownBy(() -> ChunkFileReader.open(dir))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported block chunk version 2")
        .hasMessageContaining(file.toString());
    writeByte(file, 4, (byte) 1);
    writeByte(file, 0, (byte) 'X');
    assertThatThrownBy(() -> ChunkFileReader.open(dir))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("not a block chunk file");
  }

  @Test
  void aHeadSegmentIsNotABlockSegment() throws IOException {
    Path dir = tmp.resolve("chunks_head");
    try (HeadChunkFile head = HeadChunkFile.open(dir, 1 << 16, true)) {
      head.write(1, 0, 10, Encoding.XOR, new byte[] {1, 2}, 0, 2);
    }
    assertThatThrownBy(() -> ChunkFileReader.open(dir))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("not a block chunk file");
  }

  @Test
  void aMissingSegmentIsCorruption() throws IOException {
    Path dir = tmp.resolve("chunks");
    writeRandom(dir, 500, 4096);
    Files.delete(dir.resolve("000002"));
    assertThatThrownBy(() -> ChunkFileReader.open(dir))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("000002");
  }

  @Test
  void writerRefusesAUsedDirectoryAndBadSizes() throws IOException {
    Path dir = tmp.resolve("chunks");
    writeRandom(dir, 3, 1 << 20);
    assertThatThrownBy(() -> ChunkFileWriter.create(dir))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChunkFileWriter.create(tmp.resolve("x"), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChunkFileWriter.create(tmp.resolve("y"), 1L << 33))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyDirectoryReadsAsNoSegments() throws IOException {
    Path dir = tmp.resolve("chunks");
    ChunkFileWriter.create(dir).close();
    try (ChunkFileReader reader = ChunkFileReader.open(dir)) {
      assertThat(reader.segmentCount()).isZero();
    }
  }

  static void flipByte(Path file, long at) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.flip();
      byte v = b.get();
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (v ^ 0x10)}), at);
    }
  }

  static void writeByte(Path file, long at, byte v) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {v}), at);
    }
  }
}
