package io.moraine.logs.store;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.logs.LogSelectHints;
import io.moraine.logs.bloom.TokenFilter;
import io.moraine.logs.segment.BlockCodec;
import io.moraine.logs.segment.BlockMeta;
import io.moraine.logs.segment.EncodedBlock;
import io.moraine.logs.segment.EntryBlock;
import io.moraine.logs.segment.SegmentReader;

/**
 * One time-sorted run of a stream's entries a cursor merges: a block in a segment file, a cut block
 * in memory, or a snapshot of the open block. {@code order} breaks ties between runs of equal
 * timestamps: lower was appended earlier.
 */
sealed interface BlockSource {
  long minTs();

  long maxTs();

  long order();

  /** Entries in the run. */
  long entries();

  /** Uncompressed line bytes in the run. */
  long lineBytes();

  /**
   * Decodes the run into {@code into}, sorted by time, unless its token filter proves a required
   * substring absent.
   *
   * @return false when the run was skipped
   */
  boolean load(EntryBlock into, BlockCodec codec, Scratch scratch, LogSelectHints hints);

  /** A reusable read buffer of one querier. */
  final class Scratch {
    byte[] buf = new byte[1 << 16];
  }

  /** A compressed block; its bounds and sizes are those of its meta. */
  sealed interface Compressed extends BlockSource {
    BlockMeta meta();

    /** The block's token filter. */
    TokenFilter filter();

    @Override
    default long minTs() {
      return meta().minTs();
    }

    @Override
    default long maxTs() {
      return meta().maxTs();
    }

    @Override
    default long entries() {
      return meta().count();
    }

    @Override
    default long lineBytes() {
      return meta().linesRaw();
    }

    /** Whether the token filter proves a required substring absent (counted as skipped). */
    default boolean filteredOut(LogSelectHints hints) {
      if (hints.requiredSubstrings().isEmpty()) {
        return false;
      }
      TokenFilter f = filter();
      for (String needle : hints.requiredSubstrings()) {
        if (!f.mightContain(needle)) {
          hints.stats().blocksSkipped++;
          return true;
        }
      }
      return false;
    }
  }

  /** A block of a segment file. */
  record FileBlock(SegmentReader reader, BlockMeta meta, long order) implements Compressed {
    @Override
    public TokenFilter filter() {
      return reader.readFilter(meta);
    }

    @Override
    public boolean load(EntryBlock into, BlockCodec codec, Scratch scratch, LogSelectHints hints) {
      if (filteredOut(hints)) {
        return false;
      }
      scratch.buf = reader.readBlock(meta, scratch.buf);
      try {
        BlockSource.decode(scratch.buf, meta, codec, into, hints);
      } catch (IllegalArgumentException e) {
        throw new CorruptionException(reader.file(), meta.offset(), String.valueOf(e.getMessage()));
      }
      return true;
    }
  }

  /** A cut block still in memory. */
  record MemBlock(EncodedBlock block, long order) implements Compressed {
    @Override
    public BlockMeta meta() {
      return block.meta();
    }

    @Override
    public TokenFilter filter() {
      return BlockCodec.filter(block.bytes(), 0, block.meta());
    }

    @Override
    public boolean load(EntryBlock into, BlockCodec codec, Scratch scratch, LogSelectHints hints) {
      if (filteredOut(hints)) {
        return false;
      }
      BlockSource.decode(block.bytes(), block.meta(), codec, into, hints);
      return true;
    }
  }

  /** The open block as of the querier's creation. */
  record OpenBlock(MemStream.OpenSnapshot snapshot, long order) implements BlockSource {
    @Override
    public long minTs() {
      return snapshot.minTs();
    }

    @Override
    public long maxTs() {
      return snapshot.maxTs();
    }

    @Override
    public long entries() {
      return snapshot.count();
    }

    @Override
    public long lineBytes() {
      return snapshot.length() - (long) snapshot.count() * MemStream.ENTRY_HEADER;
    }

    @Override
    public boolean load(EntryBlock into, BlockCodec codec, Scratch scratch, LogSelectHints hints) {
      into.clear();
      MemStream.fill(snapshot, into);
      into.sortByTime();
      hints.stats().headLines += into.count();
      hints.stats().headBytes += into.linesLength();
      return true;
    }
  }

  private static void decode(
      byte[] buf, BlockMeta m, BlockCodec codec, EntryBlock into, LogSelectHints hints) {
    codec.decode(buf, 0, m, hints.linesNeeded(), into);
    hints.stats().blocksDecompressed++;
    hints.stats().compressedBytes += m.length();
    hints.stats().decompressedLines += m.count();
    if (hints.linesNeeded()) {
      hints.stats().decompressedBytes += m.linesRaw();
    }
  }
}
