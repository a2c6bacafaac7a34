package io.moraine.core.logs;

/**
 * Figures of one query's reads, filled by the store and the engine and answered as Loki's {@code
 * stats}. Not thread-safe: one query's thread. Counters only grow.
 */
public final class LogReadStats {
  /** Compressed blocks whose bytes were read and decompressed. */
  public long blocksDecompressed;

  /** Blocks skipped by time range or token filter without decompressing. */
  public long blocksSkipped;

  /** Bytes of compressed block data read. */
  public long compressedBytes;

  /** Bytes of lines decompressed. */
  public long decompressedBytes;

  /** Entries decompressed. */
  public long decompressedLines;

  /** Entries read from the in-memory head. */
  public long headLines;

  /** Bytes of lines read from the in-memory head. */
  public long headBytes;

  /** Adds another query part's figures to this one. */
  public void add(LogReadStats other) {
    blocksDecompressed += other.blocksDecompressed;
    blocksSkipped += other.blocksSkipped;
    compressedBytes += other.compressedBytes;
    decompressedBytes += other.decompressedBytes;
    decompressedLines += other.decompressedLines;
    headLines += other.headLines;
    headBytes += other.headBytes;
  }
}
