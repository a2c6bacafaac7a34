package io.moraine.tsdb.wal;

import static io.moraine.tsdb.wal.WalFixtures.SMALL;
import static io.moraine.tsdb.wal.WalFixtures.metrics;
import static io.moraine.tsdb.wal.WalFixtures.open;
import static io.moraine.tsdb.wal.WalFixtures.readAll;
import static io.moraine.tsdb.wal.WalFixtures.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  @TempDir
  Path dir;

  /** Drops records whose text starts with "drop", upper-cases those starting with "up". */
  private static final RecordFilter FILTER =
      (type, record) -> {
        String t = WalFixtures.text(record);
        if (t.startsWith("drop")) {
          return null;
        }
        return t.startsWith("up")
            ? ByteBuffer.wrap(rec(t.toUpperCase(java.util.Locale.ROOT)))
            : record;
      };

  @Test
  void checkpointThenTruncateThenReplay() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      wal.log(rec("keep1"), rec("drop1"), rec("up1"));
      wal.cut();
      wal.log(rec("keep2"), rec("drop2"));
      wal.cut();
      wal.log(rec("live3"));

      Checkpoint cp = Checkpoint.create(dir, 1, 2, FILTER);
      assertThat(cp.dir()).isEqualTo(dir.resolve("checkpoint.00000002"));
      assertThat(Checkpoint.last(dir)).contains(cp);
      assertThat(readAll(WalReader.segments(cp.dir(), 0))).containsExactly("keep1", "UP1", "keep2");

      wal.truncateBefore(3);
      wal.log(rec("live3b"));
    }
    assertThat(readAll(WalReader.replay(dir)))
        .containsExactly("keep1", "UP1", "keep2", "live3", "live3b");
  }

  @Test
  void nextCheckpointIncludesThePreviousOneAndOlderAreDeleted() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      wal.log(rec("a"), rec("drop-a"));
      wal.cut();
      Checkpoint first = Checkpoint.create(dir, 1, 1, FILTER);
      wal.truncateBefore(2);
      wal.log(rec("b"));
      wal.cut();
      wal.log(rec("c"));
      wal.cut();
      assertThatThrownBy(() -> Checkpoint.create(dir, 3, 3, FILTER))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("would be lost");
      assertThatThrownBy(() -> Checkpoint.create(dir, 2, 1, FILTER))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already covers");

      // replay before the caller got to delete the covered segments: no record twice
      Checkpoint second = Checkpoint.create(dir, 2, 2, (type, r) -> r);
      assertThat(readAll(WalReader.replay(dir))).containsExactly("a", "b", "c");

      assertThat(Checkpoint.deleteOlder(dir, second.segment())).isEqualTo(1);
      assertThat(first.dir()).doesNotExist();
      wal.truncateBefore(3);
      wal.log(rec("d"));
    }
    assertThat(readAll(WalReader.replay(dir))).containsExactly("a", "b", "c", "d");
  }

  @Test
  void unfinishedCheckpointIsIgnoredAndCleanedUpOnOpen() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      wal.log(rec("x"));
      wal.cut();
    }
    Path tmp = Files.createDirectories(dir.resolve("checkpoint.00000001.tmp"));
    Files.write(tmp.resolve("00000001"), new byte[] {1, 2, 3});
    assertThat(Checkpoint.last(dir)).isEmpty();
    assertThat(readAll(WalReader.replay(dir))).containsExactly("x");
    open(dir, SMALL, metrics()).close();
    assertThat(tmp).doesNotExist();
  }

  @Test
  void replayRefusesAGapAfterTheCheckpoint() throws IOException {
    try (Wal wal = open(dir, SMALL, metrics())) {
      wal.log(rec("x"));
      for (int i = 0; i < 3; i++) {
        wal.cut();
      }
      Checkpoint.create(dir, 1, 1, FILTER);
      wal.truncateBefore(3); // segment 2 lost: the log no longer continues the checkpoint
    }
    assertThatThrownBy(() -> readAll(WalReader.replay(dir)))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("00000002 is missing");
  }

  @Test
  void largeCheckpointSpansSeveralBatches() throws IOException {
    List<String> expected = new ArrayList<>();
    try (Wal wal = open(dir, new WalOptions(1 << 20, 1000), metrics())) {
      for (int i = 0; i < 600; i++) {
        wal.log(rec("big" + i, 4000));
        expected.add("big" + i);
      }
      int last = wal.cut() - 1;
      Checkpoint.create(dir, 1, last, FILTER);
    }
    assertThat(readAll(WalReader.replay(dir))).isEqualTo(expected);
  }
}
