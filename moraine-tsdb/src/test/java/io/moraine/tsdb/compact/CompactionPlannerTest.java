package io.moraine.tsdb.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.tsdb.block.BlockMeta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactionPlannerTest {
  private static final long H = 3_600_000;
  private final CompactionPlanner planner = new CompactionPlanner(2 * H, 31 * 24 * H);

  private static BlockMeta block(String id, long mint, long maxt) {
    return BlockMeta.level1(ulid(id), mint, maxt, new BlockMeta.Stats(1, 1, 1));
  }

  /** A valid ULID per letter, so test expectations can name blocks by letter. */
  private static String ulid(String letter) {
    return "01ARZ3NDEKTSV4RRFFQ69G5FA" + letter.toUpperCase(java.util.Locale.ROOT);
  }

  @Test
  void rangesGrowByThree() {
    assertThat(planner.ranges()).startsWith(2 * H, 6 * H, 18 * H, 54 * H);
  }

  @Test
  void threeTwoHourBlocksOfOneWindowMergeOnceTheWindowIsFull() {
    List<BlockMeta> blocks = new ArrayList<>();
    blocks.add(block("a", 0, 2 * H));
    blocks.add(block("b", 2 * H, 4 * H));
    assertThat(planner.plan(blocks)).isEmpty(); // window [0, 6h) still open
    blocks.add(block("c", 4 * H, 6 * H));
    assertThat(planner.plan(blocks))
        .extracting(BlockMeta::id)
        .containsExactly(ulid("a"), ulid("b"), ulid("c"));
  }

  @Test
  void anIncompleteWindowMergesWhenNewerDataExists() {
    List<BlockMeta> blocks =
        List.of(block("a", 0, 2 * H), block("b", 2 * H, 4 * H), block("c", 6 * H, 8 * H));
    assertThat(planner.plan(blocks))
        .extracting(BlockMeta::id)
        .containsExactly(ulid("a"), ulid("b"));
  }

  @Test
  void overlappingBlocksMergeFirst() {
    List<BlockMeta> blocks =
        List.of(block("a", 0, 2 * H), block("b", H, 3 * H), block("c", 10 * H, 12 * H));
    assertThat(planner.plan(blocks))
        .extracting(BlockMeta::id)
        .containsExactly(ulid("a"), ulid("b"));
  }

  @Test
  void nothingToDoForASingleBlock() {
    assertThat(planner.plan(List.of(block("a", 0, 2 * H)))).isEmpty();
  }

  @Test
  void blocksAreNotMergedBeyondTheLargestRange() {
    CompactionPlanner small = new CompactionPlanner(2 * H, 2 * H);
    List<BlockMeta> blocks = List.of(block("a", 0, 2 * H), block("b", 2 * H, 4 * H));
    assertThat(small.plan(blocks)).isEmpty();
  }
}
