package io.moraine.logs.segment;

/** Constants of the segment file format ({@code docs/format/logs-segment.md}). */
final class SegmentFormat {
  /** "MLSG". */
  static final int MAGIC = 0x4D4C5347;

  static final int VERSION = 1;
  static final String NAME = "logs segment";
  static final int FOOTER = 36;

  private SegmentFormat() {}
}
