package io.moraine.tsdb.index;

/** Constants of the index file format, version 1; the layout is in docs/format/index.md. */
final class IndexFormat {
  /** "MIDX" in ASCII. */
  static final int MAGIC = 0x4D494458;

  static final int VERSION = 1;

  static final String NAME = "index";

  /**
   * A series entry with a full (non-delta) encoding every this many series. Measured on the farm
   * data (100k series, IndexSizeTest): 8 costs 35.2 B/series, 16 33.8, 32 33.2; past 16 the saving
   * is small while the entries decoded per lookup (on average half the interval) keep doubling.
   */
  static final int SERIES_RESTART_INTERVAL = 16;

  static final int SECTION_SYMBOLS = 0;
  static final int SECTION_SERIES = 1;
  static final int SECTION_SERIES_INDEX = 2;
  static final int SECTION_POSTINGS = 3;
  static final int SECTION_POSTINGS_TABLE = 4;
  static final int SECTION_COUNT = 5;

  static final String[] SECTION_NAMES = {
    "symbols", "series", "series index", "postings", "postings table"
  };

  /** The TOC: one u64 offset per section, then a u32 CRC32C of those bytes. */
  static final int TOC_SIZE = SECTION_COUNT * 8 + 4;

  /** Bytes around a section's payload: u32 length before, u32 CRC32C after. */
  static final int SECTION_OVERHEAD = 8;

  private IndexFormat() {}
}
