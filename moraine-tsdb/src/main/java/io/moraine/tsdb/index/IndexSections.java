package io.moraine.tsdb.index;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.FormatHeader;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The verified section layout of a mapped index file: header, TOC and each section's length and
 * CRC32C checked, sections contiguous in TOC order between the header and the TOC.
 */
final class IndexSections {
  /** CRC32C is fed through ByteBuffer views, which cannot exceed 2 GiB; 1 GiB keeps clear of it. */
  private static final long CRC_SLICE_BYTES = 1L << 30;

  private final Path file;
  private final MemorySegment seg;
  private final long[] payload = new long[IndexFormat.SECTION_COUNT];
  private final long[] length = new long[IndexFormat.SECTION_COUNT];

  private IndexSections(Path file, MemorySegment seg) {
    this.file = file;
    this.seg = seg;
  }

  static IndexSections verify(Path file, MemorySegment seg) {
    long size = seg.byteSize();
    if (size < FormatHeader.SIZE + IndexFormat.TOC_SIZE) {
      throw new CorruptionException(file, 0, "index file too short: " + size + " bytes");
    }
    FormatHeader.read(
        seg.asSlice(0, FormatHeader.SIZE).asByteBuffer(),
        file,
        IndexFormat.MAGIC,
        IndexFormat.VERSION,
        IndexFormat.NAME);
    IndexSections s = new IndexSections(file, seg);
    long tocStart = size - IndexFormat.TOC_SIZE;
    Cursor toc = new Cursor(file, "TOC", seg, tocStart, size);
    long[] offsets = new long[IndexFormat.SECTION_COUNT];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = toc.getLong();
    }
    int want = toc.getInt();
    if (crc(seg, tocStart, IndexFormat.SECTION_COUNT * 8L) != want) {
      throw new CorruptionException(file, tocStart, "TOC: checksum mismatch");
    }
    long expected = FormatHeader.SIZE;
    for (int i = 0; i < offsets.length; i++) {
      String name = IndexFormat.SECTION_NAMES[i];
      if (offsets[i] != expected || expected + IndexFormat.SECTION_OVERHEAD > tocStart) {
        throw new CorruptionException(
            file, offsets[i], name + " section: bad offset in TOC (expected " + expected + ")");
      }
      long len = Cursor.u32At(seg, expected);
      long p = expected + 4;
      if (p + len + 4 > tocStart) {
        throw new CorruptionException(
            file, expected, name + " section: length " + len + " overruns");
      }
      if (crc(seg, p, len) != (int) Cursor.u32At(seg, p + len)) {
        throw new CorruptionException(file, expected, name + " section: checksum mismatch");
      }
      s.payload[i] = p;
      s.length[i] = len;
      expected = p + len + 4;
    }
    if (expected != tocStart) {
      throw new CorruptionException(file, expected, "unexpected bytes before the TOC");
    }
    return s;
  }

  private static int crc(MemorySegment seg, long off, long len) {
    CRC32C c = new CRC32C();
    for (long done = 0; done < len; done += CRC_SLICE_BYTES) {
      long n = Math.min(CRC_SLICE_BYTES, len - done);
      c.update(seg.asSlice(off + done, n).asByteBuffer());
    }
    return (int) c.getValue();
  }

  long payload(int section) {
    return payload[section];
  }

  long length(int section) {
    return length[section];
  }

  Cursor cursor(int section) {
    return new Cursor(
        file,
        IndexFormat.SECTION_NAMES[section],
        seg,
        payload[section],
        payload[section] + length[section]);
  }

  /** Decodes the front-coded symbols; checks that they are strictly increasing. */
  String[] readSymbols() {
    Cursor c = cursor(IndexFormat.SECTION_SYMBOLS);
    int count = c.uvarintBelow(c.remaining() / 2 + 1, "symbol count");
    String[] symbols = new String[count];
    byte[] cur = new byte[64];
    int curLen = 0;
    for (int i = 0; i < count; i++) {
      int shared = c.uvarintBelow(curLen + 1L, "shared prefix length");
      int suffix = c.uvarintBelow(c.remaining() + 1, "suffix length");
      if (cur.length < shared + suffix) {
        cur = java.util.Arrays.copyOf(cur, Math.max(cur.length * 2, shared + suffix));
      }
      c.getBytes(cur, shared, suffix);
      curLen = shared + suffix;
      symbols[i] = new String(cur, 0, curLen, StandardCharsets.UTF_8);
      if (i > 0 && symbols[i - 1].compareTo(symbols[i]) >= 0) {
        throw c.corrupt("symbols not strictly increasing at " + i);
      }
    }
    if (c.hasRemaining()) {
      throw c.corrupt(c.remaining() + " trailing bytes");
    }
    return symbols;
  }
}
