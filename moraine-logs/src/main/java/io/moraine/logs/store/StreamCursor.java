package io.moraine.logs.store;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogCursor;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.logs.segment.BlockCodec;
import io.moraine.logs.segment.EntryBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Merges one stream's runs (blocks that may overlap in time) into one time-ordered cursor. A run is
 * decoded only when the merge reaches its first timestamp, so without overlaps one block is decoded
 * at a time. Entries equal in timestamp and line to one already returned (an entry written again
 * after its block was cut, or replayed after a crash) are returned once, as Loki's read path does.
 * Not thread-safe.
 */
final class StreamCursor implements LogCursor {
  /** A decoded run with its position; {@code end} is exclusive in the direction of reading. */
  private static final class Run {
    final EntryBlock block;
    int pos;
    int end;
    long order;

    Run(EntryBlock block) {
      this.block = block;
    }
  }

  private final BlockSource[] sources;
  private final boolean forward;
  private final long min;
  private final long max;
  private final LogSelectHints hints;
  private final BlockCodec codec;
  private final BlockSource.Scratch scratch;
  private final List<Run> active = new ArrayList<>(2);
  private final List<Run> pool = new ArrayList<>(2);
  private final boolean dedup;
  private int next;
  private long ts;
  private byte[] lines = new byte[0];
  private int lineOffset;
  private int lineLength;
  private Labels metadata = Labels.EMPTY;
  private long groupTs = Long.MIN_VALUE;
  private byte[] group = new byte[256];
  private int[] groupEnds = new int[8];
  private int groupCount;

  StreamCursor(
      List<BlockSource> runs,
      long min,
      long max,
      LogSelectHints hints,
      BlockCodec codec,
      BlockSource.Scratch scratch) {
    this.forward = hints.direction() == Direction.FORWARD;
    this.sources = runs.toArray(new BlockSource[0]);
    Comparator<BlockSource> c =
        forward
            ? Comparator.comparingLong(BlockSource::minTs).thenComparingLong(BlockSource::order)
            : Comparator.comparingLong(BlockSource::maxTs)
                .thenComparingLong(BlockSource::order)
                .reversed();
    Arrays.sort(sources, c);
    this.min = min;
    this.max = max;
    this.hints = hints;
    this.codec = codec;
    this.scratch = scratch;
    this.dedup = sources.length > 1 && hints.linesNeeded();
  }

  @Override
  public boolean next() {
    while (true) {
      openReachable();
      if (active.isEmpty()) {
        return false;
      }
      Run r = best();
      EntryBlock b = r.block;
      int i = r.pos;
      r.pos += forward ? 1 : -1;
      ts = b.timestamp(i);
      lines = b.lines();
      lineOffset = b.lineOffset(i);
      lineLength = b.lineLength(i);
      metadata = b.metadata(i);
      if (r.pos == r.end) {
        active.remove(r);
        pool.add(r);
      }
      if (!dedup || isNew()) {
        return true;
      }
    }
  }

  /** Decodes every run that may hold an entry before the best entry decoded so far. */
  private void openReachable() {
    while (next < sources.length) {
      BlockSource s = sources[next];
      if (!active.isEmpty()) {
        long bestTs = best().block.timestamp(best().pos);
        if (forward ? s.minTs() > bestTs : s.maxTs() < bestTs) {
          return;
        }
      }
      next++;
      Run r = pool.isEmpty() ? new Run(new EntryBlock()) : pool.removeLast();
      if (!s.load(r.block, codec, scratch, hints) || !position(r)) {
        pool.add(r);
        continue;
      }
      r.order = s.order();
      active.add(r);
    }
  }

  /** Limits a decoded run to the range; false when nothing of it is in range. */
  private boolean position(Run r) {
    EntryBlock b = r.block;
    int lo = firstAtLeast(b, min);
    int hi = firstAtLeast(b, max == Long.MAX_VALUE ? max : max + 1);
    if (max == Long.MAX_VALUE) {
      hi = b.count();
    }
    if (lo >= hi) {
      return false;
    }
    r.pos = forward ? lo : hi - 1;
    r.end = forward ? hi : lo - 1;
    return true;
  }

  private static int firstAtLeast(EntryBlock b, long t) {
    int lo = 0;
    int hi = b.count();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (b.timestamp(mid) < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private Run best() {
    Run best = active.getFirst();
    for (int k = 1; k < active.size(); k++) {
      Run r = active.get(k);
      long a = r.block.timestamp(r.pos);
      long b = best.block.timestamp(best.pos);
      boolean better =
          forward
              ? (a < b || (a == b && r.order < best.order))
              : (a > b || (a == b && r.order > best.order));
      if (better) {
        best = r;
      }
    }
    return best;
  }

  /** Whether the current entry differs from those already returned at the same timestamp. */
  private boolean isNew() {
    if (ts != groupTs) {
      groupTs = ts;
      groupCount = 0;
    }
    int start = 0;
    for (int k = 0; k < groupCount; k++) {
      int end = groupEnds[k];
      if (Arrays.equals(group, start, end, lines, lineOffset, lineOffset + lineLength)) {
        return false;
      }
      start = end;
    }
    int need = start + lineLength;
    if (need > group.length) {
      group = Arrays.copyOf(group, Math.max(need, group.length * 2));
    }
    if (groupCount == groupEnds.length) {
      groupEnds = Arrays.copyOf(groupEnds, groupCount * 2);
    }
    System.arraycopy(lines, lineOffset, group, start, lineLength);
    groupEnds[groupCount++] = need;
    return true;
  }

  @Override
  public long timestampNanos() {
    return ts;
  }

  @Override
  public byte[] lineBytes() {
    return lines;
  }

  @Override
  public int lineOffset() {
    return lineOffset;
  }

  @Override
  public int lineLength() {
    return lineLength;
  }

  @Override
  public Labels metadata() {
    return metadata;
  }
}
