package io.moraine.tsdb.chunkfile;

/**
 * The two kinds of chunk segment files, told apart by their header's magic. Both are at version 1;
 * see {@code docs/format/chunkfile.md}.
 */
enum SegmentKind {
  /** {@code <block>/chunks/NNNNNN}: entries {@code len | encoding | data | crc}. */
  BLOCK(0x4D52_434B, "block chunk", 0), // "MRCK"
  /** {@code chunks_head/NNNNNN}: entries prefixed with series ref, mint and maxt. */
  HEAD(0x4D52_4843, "head chunk", 24); // "MRHC"

  static final int VERSION = 1;

  /** Bytes of the trailing CRC32C of every entry. */
  static final int CRC_BYTES = 4;

  final int magic;
  final String formatName;

  /** Bytes before the entry's length: series ref, mint, maxt (8 bytes each) for head entries. */
  final int prefixBytes;

  SegmentKind(int magic, String formatName, int prefixBytes) {
    this.magic = magic;
    this.formatName = formatName;
    this.prefixBytes = prefixBytes;
  }
}
