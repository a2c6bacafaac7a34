package io.moraine.logs.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWalTest {
  @TempDir Path dir;
  private final AtomicInteger corruptions = new AtomicInteger();

  private LogWal open() throws IOException {
    return LogWal.open(dir, 4096, 0, new ManualClock(), corruptions::incrementAndGet);
  }

  private List<String> replay() throws IOException {
    List<String> out = new ArrayList<>();
    try (LogWal w = open()) {
      w.replay(
          (seg, r) -> {
            byte[] b = new byte[r.remaining()];
            r.get(b);
            out.add(new String(b, StandardCharsets.UTF_8));
          });
    }
    return out;
  }

  private void write(String... records) throws IOException {
    try (LogWal w = open()) {
      for (String r : records) {
        byte[] b = r.getBytes(StandardCharsets.UTF_8);
        w.append(b, 0, b.length);
      }
    }
  }

  private Path lastSegment() throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p)).sorted().toList().getLast();
    }
  }

  @Test
  void recordsComeBackInOrderAcrossSegments() throws IOException {
    List<String> want = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      want.add("record-" + i + "-" + "x".repeat(i % 50));
    }
    write(want.toArray(String[]::new));
    assertThat(replay()).isEqualTo(want);
    assertThat(corruptions).hasValue(0);
  }

  @Test
  void aTornTailIsCutAtTheLastGoodRecordAndCounted() throws IOException {
    write("one", "two", "three");
    Path seg = lastSegment();
    long size = Files.size(seg);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.truncate(size - 2);
    }
    assertThat(replay()).containsExactly("one", "two");
    assertThat(corruptions).hasValue(1);
    write("four");
    assertThat(replay()).containsExactly("one", "two", "four");
  }

  @Test
  void aFlippedByteEndsTheLogThereAndLaterSegmentsGo() throws IOException {
    write("alpha", "beta");
    Path first = lastSegment();
    write("gamma");
    try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'X'}), 8 + 8 + 5 + 8 + 1);
    }
    assertThat(replay()).containsExactly("alpha");
    assertThat(corruptions).hasValue(1);
  }

  @Test
  void anUnknownVersionIsRefused() throws IOException {
    write("one");
    Path seg = lastSegment();
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {2}), 4);
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("unsupported logs WAL version 2 (this build reads up to 1)");
  }

  @Test
  void truncationDropsOlderSegmentsOnly() throws IOException {
    try (LogWal w = open()) {
      byte[] b = "r".getBytes(StandardCharsets.UTF_8);
      w.append(b, 0, 1);
      int next = w.cut();
      w.append(b, 0, 1);
      w.truncateBefore(next);
      assertThat(w.currentSegment()).isEqualTo(next);
    }
    assertThat(replay()).containsExactly("r");
  }
}
