package io.moraine.logs.segment;

/**
 * Where one block lies and what it holds (see {@code docs/format/logs-segment.md}).
 *
 * @param offset of the block in its segment file (0 for a block held in memory)
 * @param filterLength bytes of the token filter at the start of the block
 * @param entriesLength bytes of the compressed entries section after the filter
 * @param linesLength bytes of the compressed lines section after the entries section
 * @param entriesRaw uncompressed bytes of the entries section
 * @param linesRaw uncompressed line bytes
 * @param minTs smallest timestamp (ns)
 * @param maxTs largest timestamp (ns)
 * @param count entries
 * @param crc CRC32C of the block's bytes
 */
public record BlockMeta(
    long offset,
    int filterLength,
    int entriesLength,
    int linesLength,
    int entriesRaw,
    int linesRaw,
    long minTs,
    long maxTs,
    int count,
    int crc) {
  /** Total bytes of the block on disk. */
  public int length() {
    return filterLength + entriesLength + linesLength;
  }

  /** Whether the block may hold entries in {@code [minNanos, maxNanos]}. */
  public boolean overlaps(long minNanos, long maxNanos) {
    return maxTs >= minNanos && minTs <= maxNanos;
  }

  BlockMeta at(long newOffset) {
    return new BlockMeta(
        newOffset,
        filterLength,
        entriesLength,
        linesLength,
        entriesRaw,
        linesRaw,
        minTs,
        maxTs,
        count,
        crc);
  }
}
