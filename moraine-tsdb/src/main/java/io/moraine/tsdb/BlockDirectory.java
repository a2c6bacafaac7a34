package io.moraine.tsdb;

import io.moraine.tsdb.block.Block;
import io.moraine.tsdb.block.BlockMeta;
import io.moraine.tsdb.fs.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The blocks of a data directory: finding them at start-up, and which retention drops. */
final class BlockDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(BlockDirectory.class);

  private BlockDirectory() {}

  /** Opens every complete block; drops temporary dirs and blocks replaced by a compaction. */
  static List<Block> load(Path dir) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".tmp-")) {
          LOG.atInfo().addKeyValue("dir", p).log("removing unfinished block");
          Dirs.deleteTree(p);
        } else if (Files.isRegularFile(p.resolve(BlockMeta.FILE_NAME))) {
          dirs.add(p);
        }
      }
    }
    List<Block> out = new ArrayList<>();
    for (Path p : dirs) {
      out.add(Block.open(p));
    }
    // A crash between writing a compacted block and deleting its sources leaves both.
    Set<String> replaced = new HashSet<>();
    for (Block b : out) {
      if (b.meta().compaction().sources().size() > 1
          || !b.meta().compaction().sources().contains(b.meta().id())) {
        for (String src : b.meta().compaction().sources()) {
          if (!src.equals(b.meta().id())) {
            replaced.add(src);
          }
        }
      }
    }
    List<Block> kept = new ArrayList<>();
    for (Block b : out) {
      if (replaced.contains(b.meta().id())) {
        LOG.atInfo()
            .addKeyValue("block", b.meta().id())
            .log("removing block replaced by compaction");
        b.retire(true);
      } else {
        kept.add(b);
      }
    }
    kept.sort(Comparator.comparingLong(Block::minTime));
    return kept;
  }

  /**
   * Ids of the blocks past the retention: by time, those ending more than the retention before
   * {@code newestMillis}; by size, the oldest while blocks plus {@code headBytes} exceed the limit.
   *
   * @param blocks oldest first
   */
  static Set<String> pastRetention(
      List<Block> blocks, long newestMillis, long headBytes, TsdbOptions options) {
    Set<String> drop = new HashSet<>();
    if (options.retentionMillis() > 0) {
      for (Block b : blocks) {
        if (b.maxTime() <= newestMillis - options.retentionMillis()) {
          drop.add(b.meta().id());
        }
      }
    }
    if (options.retentionBytes() > 0) {
      long total = headBytes;
      for (Block b : blocks) {
        total += b.sizeBytes();
      }
      for (Block b : blocks) {
        if (total <= options.retentionBytes()) {
          break;
        }
        if (drop.add(b.meta().id())) {
          total -= b.sizeBytes();
        }
      }
    }
    return drop;
  }
}
