package io.moraine.tsdb.block;

import io.moraine.core.encoding.CorruptionException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * A block's metadata, stored as {@code meta.json} in the block directory (docs/format/meta.md, the
 * shape of Prometheus' meta.json). Immutable.
 *
 * @param id the block's ULID, also its directory name
 * @param minTime the earliest sample time, ms, inclusive
 * @param maxTime the end of the block's time range, ms, exclusive ({@code > minTime})
 * @param stats counts of what the block holds
 * @param compaction how the block was made
 * @param version the meta format version, {@link #VERSION}
 */
public record BlockMeta(
    String id, long minTime, long maxTime, Stats stats, Compaction compaction, int version) {
  /** The meta.json version this build writes and reads. */
  public static final int VERSION = 1;

  /** The file name inside a block directory. */
  public static final String FILE_NAME = "meta.json";

  /** Counts of samples, series and chunks in the block, all {@code >= 0}. */
  public record Stats(long numSamples, long numSeries, long numChunks) {
    public Stats {
      if (numSamples < 0 || numSeries < 0 || numChunks < 0) {
        throw new IllegalArgumentException("negative block stats");
      }
    }
  }

  /**
   * How the block was made.
   *
   * @param level 1 for a block cut from the head, one more than its sources' maximum when compacted
   * @param sources the ids of the level-1 blocks whose data this block holds (itself at level 1)
   */
  public record Compaction(int level, List<String> sources) {
    public Compaction {
      if (level < 1) {
        throw new IllegalArgumentException("compaction level " + level + " < 1");
      }
      sources = List.copyOf(sources);
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("compaction sources empty");
      }
      for (String s : sources) {
        if (!Ulid.isValid(s)) {
          throw new IllegalArgumentException("compaction source is not a ULID: " + s);
        }
      }
    }
  }

  public BlockMeta {
    Objects.requireNonNull(stats);
    Objects.requireNonNull(compaction);
    if (!Ulid.isValid(id)) {
      throw new IllegalArgumentException("block id is not a ULID: " + id);
    }
    if (maxTime <= minTime) {
      throw new IllegalArgumentException("block maxTime " + maxTime + " <= minTime " + minTime);
    }
    if (version != VERSION) {
      throw new IllegalArgumentException("unsupported meta version " + version);
    }
  }

  /** A level-1 block (cut from the head): its only source is itself. */
  public static BlockMeta level1(String id, long minTime, long maxTime, Stats stats) {
    return new BlockMeta(id, minTime, maxTime, stats, new Compaction(1, List.of(id)), VERSION);
  }

  /**
   * Writes {@code blockDir/meta.json} atomically: a temporary file is written and forced, renamed
   * over the target, and the directory is forced.
   */
  public void write(Path blockDir) throws IOException {
    Path tmp = blockDir.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, MetaJson.write(this), StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(
        tmp,
        blockDir.resolve(FILE_NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(blockDir, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /**
   * Reads {@code blockDir/meta.json}.
   *
   * @throws CorruptionException naming the file on malformed JSON, a missing or unknown field, an
   *     invalid value or an unknown version
   */
  public static BlockMeta read(Path blockDir) throws IOException {
    Path file = blockDir.resolve(FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    return MetaJson.parse(file, new String(bytes, StandardCharsets.UTF_8));
  }
}
