package io.moraine.tsdb.compact;

import io.moraine.tsdb.block.BlockMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which blocks to merge, as Prometheus' leveled compactor does: first blocks that overlap
 * in time (an import into a live directory), then runs of blocks inside one aligned window of the
 * next range (2 h → 6 h → 18 h → ...) once nothing newer can land in that window. Pure.
 */
public final class CompactionPlanner {
  private final long[] ranges;

  /**
   * @param blockRangeMillis the head's block range (2 h)
   * @param maxBlockMillis the largest block to build (Prometheus: 10 % of retention, at most 31 d)
   */
  public CompactionPlanner(long blockRangeMillis, long maxBlockMillis) {
    List<Long> r = new ArrayList<>();
    // Steps of 3x: Prometheus' exponential ranges, so each level merges about three blocks.
    for (long x = blockRangeMillis; x <= maxBlockMillis; x *= 3) {
      r.add(x);
    }
    if (r.isEmpty()) {
      r.add(blockRangeMillis);
    }
    ranges = r.stream().mapToLong(Long::longValue).toArray();
  }

  /** The next group of blocks to compact into one, or an empty list when there is none. */
  public List<BlockMeta> plan(List<BlockMeta> blocks) {
    List<BlockMeta> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingLong(BlockMeta::minTime).thenComparing(BlockMeta::id));
    List<BlockMeta> overlapping = firstOverlappingGroup(sorted);
    if (!overlapping.isEmpty()) {
      return overlapping;
    }
    if (sorted.size() < 2) {
      return List.of();
    }
    long newest = sorted.get(sorted.size() - 1).maxTime();
    for (int level = 1; level < ranges.length; level++) {
      long range = ranges[level];
      List<BlockMeta> group = new ArrayList<>();
      long window = Long.MIN_VALUE;
      for (BlockMeta b : sorted) {
        long w = Math.floorDiv(b.minTime(), range);
        boolean fits = Math.floorDiv(b.maxTime() - 1, range) == w;
        if (!fits) {
          group = flush(group, window, range, newest);
          if (!group.isEmpty() && group.size() >= 2) {
            return group;
          }
          group = new ArrayList<>();
          window = Long.MIN_VALUE;
          continue;
        }
        if (w != window) {
          List<BlockMeta> done = flush(group, window, range, newest);
          if (done.size() >= 2) {
            return done;
          }
          group = new ArrayList<>();
          window = w;
        }
        group.add(b);
      }
      List<BlockMeta> done = flush(group, window, range, newest);
      if (done.size() >= 2) {
        return done;
      }
    }
    return List.of();
  }

  /** The group when its window is complete (full, or something newer exists), else empty. */
  private static List<BlockMeta> flush(
      List<BlockMeta> group, long window, long range, long newest) {
    if (group.size() < 2) {
      return List.of();
    }
    long windowEnd = (window + 1) * range;
    long span = group.get(group.size() - 1).maxTime() - group.get(0).minTime();
    if (span >= range || windowEnd <= newest) {
      return group;
    }
    return List.of();
  }

  private static List<BlockMeta> firstOverlappingGroup(List<BlockMeta> sorted) {
    for (int i = 0; i < sorted.size(); i++) {
      List<BlockMeta> group = new ArrayList<>();
      group.add(sorted.get(i));
      long end = sorted.get(i).maxTime();
      for (int j = i + 1; j < sorted.size() && sorted.get(j).minTime() < end; j++) {
        group.add(sorted.get(j));
        end = Math.max(end, sorted.get(j).maxTime());
      }
      if (group.size() > 1) {
        return group;
      }
    }
    return List.of();
  }

  /** The ranges in use, smallest first. */
  public long[] ranges() {
    return ranges.clone();
  }
}
