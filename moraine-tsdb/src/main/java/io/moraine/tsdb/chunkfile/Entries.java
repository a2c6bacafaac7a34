package io.moraine.tsdb.chunkfile;

import io.moraine.core.encoding.Varint;
import io.moraine.tsdb.chunk.Encoding;
import java.util.zip.CRC32C;

/** Builds the bytes that frame a chunk entry; the inverse of {@link MappedSegment#read}. */
final class Entries {
  /** Longest entry header: head prefix, a 5-byte length, the encoding byte. */
  static final int MAX_HEADER_BYTES = 24 + 5 + 1;

  private Entries() {}

  /** Bytes the entry takes in the file: header, data and CRC. */
  static long size(SegmentKind kind, int dataLength) {
    return kind.prefixBytes
        + Varint.uvarintSize(dataLength)
        + 1
        + (long) dataLength
        + SegmentKind.CRC_BYTES;
  }

  /** Writes the entry header into {@code out}; returns its length. */
  static int header(
      byte[] out,
      SegmentKind kind,
      long seriesRef,
      long mint,
      long maxt,
      Encoding enc,
      int dataLength) {
    int p = 0;
    if (kind == SegmentKind.HEAD) {
      p = putLong(out, p, seriesRef);
      p = putLong(out, p, mint);
      p = putLong(out, p, maxt);
    }
    p = Varint.putUvarint(out, p, dataLength);
    out[p++] = (byte) enc.id();
    return p;
  }

  /**
   * The entry's CRC32C: head entries cover the whole header and the data, block entries the
   * encoding byte (the header's last) and the data.
   */
  static int checksum(
      CRC32C crc, SegmentKind kind, byte[] header, int headerLen, byte[] data, int off, int len) {
    crc.reset();
    if (kind == SegmentKind.HEAD) {
      crc.update(header, 0, headerLen);
    } else {
      crc.update(header[headerLen - 1]);
    }
    crc.update(data, off, len);
    return (int) crc.getValue();
  }

  static int putLong(byte[] b, int p, long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      b[p++] = (byte) (v >>> shift);
    }
    return p;
  }

  static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    return p + 4;
  }
}
