package io.moraine.tsdb.wal;

import static io.moraine.tsdb.wal.WalFixtures.SMALL;
import static io.moraine.tsdb.wal.WalFixtures.metrics;
import static io.moraine.tsdb.wal.WalFixtures.open;
import static io.moraine.tsdb.wal.WalFixtures.readAll;
import static io.moraine.tsdb.wal.WalFixtures.rec;
import static io.moraine.tsdb.wal.WalFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalRecoveryTest {
  /** Frame of each record written by {@link #writeTen}: 8 header bytes + a 20-byte record. */
  private static final int FRAME = 8 + 20;

  @SuppressWarnings("NullAway.Init") // injected by JUnit
  @TempDir
  Path dir;

  @Test
  void tornTailMidRecordIsCutAndLaterAppendsAreReadable() throws IOException {
    Path seg = writeTen();
    long size = Files.size(seg);
    truncate(seg, size - 5);
    assertRecoversFirstNine(seg);
  }

  @Test
  void garbageAfterTheLastRecordIsCut() throws IOException {
    Path seg = writeTen();
    byte[] junk = new byte[100];
    new SplittableRandom(3).nextBytes(junk);
    Files.write(seg, junk, StandardOpenOption.APPEND);
    WalMetrics m = metrics();
    try (Wal wal = open(dir, SMALL, m)) {
      assertThat(m.corruptions.get()).isEqualTo(1);
    }
    assertThat(readAll(WalReader.segments(dir, 1))).isEqualTo(texts("r", 0, 10));
    assertThat(Files.size(seg)).isEqualTo(Segments.HEADER_BYTES + 10 * FRAME);
  }

  @Test
  void zeroFilledTailIsCut() throws IOException {
    Path seg = writeTen();
    Files.write(seg, new byte[4096 - 8 - 10 * FRAME], StandardOpenOption.APPEND);
    CorruptionException e = readExpectingCorruption(seg);
    assertThat(e.getMessage()).contains("zero-filled tail");
    assertThat(e.offset()).isEqualTo(Segments.HEADER_BYTES + 10 * FRAME);
    WalMetrics m = metrics();
    open(dir, SMALL, m).close();
    assertThat(m.corruptions.get()).isEqualTo(1);
    assertThat(readAll(WalReader.segments(dir, 1))).isEqualTo(texts("r", 0, 10));
  }

  @Test
  void badChecksumInTheLastSegmentKeepsEveryRecordBeforeIt() throws IOException {
    Path seg = writeTen();
    long recordFive = Segments.HEADER_BYTES + 5L * FRAME;
    flipByte(seg, recordFive + 8 + 3);
    assertThat(readExpectingCorruption(seg).getMessage()).contains("checksum mismatch");
    WalMetrics m = metrics();
    try (Wal wal = open(dir, SMALL, m)) {
      wal.log(rec("new"));
    }
    assertThat(m.corruptions.get()).isEqualTo(1);
    List<String> expected = new ArrayList<>(texts("r", 0, 5));
    expected.add("new");
    assertThat(readAll(WalReader.segments(dir, 1))).isEqualTo(expected);
  }

  @Test
  void corruptionInAnEarlierSegmentIsRepairedWithoutLeavingAHole() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      for (int s = 0; s < 3; s++) {
        for (int i = 0; i < 4; i++) {
          wal.log(rec("s" + s + "r" + i, 20));
        }
        wal.cut();
      }
    }
    flipByte(Segments.path(dir, 2), Segments.HEADER_BYTES + 2L * FRAME + 10);
    WalMetrics m = metrics();
    try (Wal wal = open(dir, SMALL, m)) {
      assertThat(m.corruptions.get()).isZero(); // only the last segment is scanned on open
      List<String> replayed = new ArrayList<>();
      CorruptionException found = null;
      try (WalReader r = WalReader.replay(dir)) {
        while (r.next()) {
          replayed.add(WalFixtures.text(r.record()));
        }
      } catch (CorruptionException e) {
        found = e;
      }
      if (found == null) {
        throw new AssertionError("replay found no corruption");
      }
      assertThat(found.file()).isEqualTo(Segments.path(dir, 2));
      assertThat(found.offset()).isEqualTo(Segments.HEADER_BYTES + 2L * FRAME);
      assertThat(replayed).containsExactly("s0r0", "s0r1", "s0r2", "s0r3", "s1r0", "s1r1");

      wal.repair(found);
      assertThat(m.corruptions.get()).isEqualTo(1);
      assertThat(wal.segments()).isEqualTo(new SegmentRange(1, 3));
      wal.log(rec("after repair"));
    }
    assertThat(readAll(WalReader.replay(dir)))
        .containsExactly("s0r0", "s0r1", "s0r2", "s0r3", "s1r0", "s1r1", "after repair");
  }

  @Test
  void repairRefusesForeignFilesAndHeaderDamage() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      Path other = dir.resolveSibling("elsewhere");
      assertThatThrownBy(() -> wal.repair(new CorruptionException(other, 10, "x")))
          .isInstanceOf(IllegalArgumentException.class);
      CorruptionException header = new CorruptionException(Segments.path(dir, 1), 4, "version");
      assertThatThrownBy(() -> wal.repair(header)).isSameAs(header);
    }
  }

  @Test
  void unknownVersionIsRefusedClearly() throws IOException {
    Path seg = writeTen();
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {2}), 4);
    }
    assertThatThrownBy(() -> open(dir, SMALL, metrics()))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported WAL segment version 2 (this build reads up to 1)")
        .hasMessageContaining(seg.toString());
    assertThat(Files.size(seg)).isEqualTo(Segments.HEADER_BYTES + 10 * FRAME); // untouched
    assertThatThrownBy(() -> readAll(WalReader.segments(dir, 1)))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported WAL segment version 2");
  }

  @Test
  void tornHeaderOfANewSegmentIsRewritten() throws IOException {
    writeTen();
    Files.write(Segments.path(dir, 2), new byte[] {0x4D, 0x57});
    WalMetrics m = metrics();
    try (Wal wal = open(dir, SMALL, m)) {
      assertThat(wal.segments()).isEqualTo(new SegmentRange(1, 2));
      wal.log(rec("in two"));
    }
    assertThat(m.corruptions.get()).isEqualTo(1);
    assertThat(readAll(WalReader.segments(dir, 2))).containsExactly("in two");
  }

  @Test
  void segmentsAfterAGapAreDeleted() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      for (int i = 0; i < 4; i++) {
        wal.log(rec("s" + (i + 1)));
        wal.cut();
      }
    }
    Files.delete(Segments.path(dir, 3));
    assertThatThrownBy(() -> readAll(WalReader.segments(dir, 1)))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("00000003 is missing");
    WalMetrics m = metrics();
    try (Wal wal = open(dir, SMALL, m)) {
      assertThat(wal.segments()).isEqualTo(new SegmentRange(1, 2));
    }
    assertThat(m.corruptions.get()).isEqualTo(1);
    assertThat(readAll(WalReader.replay(dir))).containsExactly("s1", "s2");
  }

  /** Ten 20-byte records in segment 1; returns its path. */
  private Path writeTen() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      for (int i = 0; i < 10; i++) {
        wal.log(rec("r" + i, 20));
      }
    }
    Path seg = Segments.path(dir, 1);
    assertThat(Files.size(seg)).isEqualTo(Segments.HEADER_BYTES + 10 * FRAME);
    return seg;
  }

  private void assertRecoversFirstNine(Path seg) throws IOException {
    WalMetrics m = metrics();
    try (Wal wal = open(dir, SMALL, m)) {
      assertThat(m.corruptions.get()).isEqualTo(1);
      assertThat(Files.size(seg)).isEqualTo(Segments.HEADER_BYTES + 9 * FRAME);
      wal.log(rec("r9 again", 20));
    }
    List<String> expected = new ArrayList<>(texts("r", 0, 9));
    expected.add("r9 again");
    assertThat(readAll(WalReader.segments(dir, 1))).isEqualTo(expected);
  }

  private static CorruptionException readExpectingCorruption(Path seg) {
    try (WalReader r = new WalReader(List.of(seg))) {
      while (r.next()) {
        // skip good records
      }
    } catch (CorruptionException e) {
      assertThat(e.file()).isEqualTo(seg);
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no corruption found in " + seg);
  }

  private static void truncate(Path f, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static void flipByte(Path f, long at) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
      ch.write(b, at);
    }
  }
}
