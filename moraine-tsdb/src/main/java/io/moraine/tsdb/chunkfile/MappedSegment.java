package io.moraine.tsdb.chunkfile;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.tsdb.chunk.Encoding;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One memory-mapped segment file. The mapping belongs to its own shared {@link Arena}, so {@link
 * #close} unmaps it at once (before the file is deleted) instead of whenever the GC runs; reads
 * racing a close fail with {@link IllegalStateException} rather than touching unmapped memory.
 * Reads are safe from any number of threads.
 */
final class MappedSegment implements AutoCloseable {
  static final ValueLayout.OfLong LONG_BE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final ValueLayout.OfInt INT_BE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  final int index;
  final Path path;
  final SegmentKind kind;
  private final Arena arena;
  final MemorySegment memory;

  /**
   * End of the valid entries. Written by the one appending thread after an entry is complete
   * (release), read before every read (acquire), so a reader never sees a partly written entry.
   */
  private volatile long end;

  /** Open while this is the head's segment being appended to; null for finished segments. */
  private @Nullable FileChannel appendChannel;

  private MappedSegment(
      int index, Path path, SegmentKind kind, Arena arena, MemorySegment memory, long end) {
    this.index = index;
    this.path = path;
    this.kind = kind;
    this.arena = arena;
    this.memory = memory;
    this.end = end;
  }

  /** Maps a finished segment read-only and checks its header. */
  static MappedSegment openReadOnly(Path dir, int index, SegmentKind kind) throws IOException {
    Path path = dir.resolve(SegmentFiles.name(index));
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment m = ch.map(MapMode.READ_ONLY, 0, ch.size(), arena);
      FormatHeader.read(
          m.asSlice(0, Math.min(m.byteSize(), FormatHeader.SIZE)).asByteBuffer(),
          path,
          kind.magic,
          SegmentKind.VERSION,
          kind.formatName);
      return new MappedSegment(index, path, kind, arena, m, m.byteSize());
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /**
   * Creates a new segment for appending: writes its header, extends the file to {@code capacity}
   * bytes (sparse: the unwritten rest takes no disk) and maps all of it read-only. Entries are then
   * written with {@link #append}, through the file, so a full disk is an {@link IOException} rather
   * than a fault on a mapped page; the shared page cache shows them through the mapping at once.
   */
  static MappedSegment create(Path dir, int index, SegmentKind kind, long capacity)
      throws IOException {
    Path path = dir.resolve(SegmentFiles.name(index));
    FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Arena arena = Arena.ofShared();
    try {
      ByteBuffer header = ByteBuffer.allocate(FormatHeader.SIZE);
      FormatHeader.write(header, kind.magic, SegmentKind.VERSION);
      writeFully(ch, header.flip(), 0);
      writeFully(ch, ByteBuffer.allocate(1), capacity - 1);
      MemorySegment m = ch.map(MapMode.READ_ONLY, 0, capacity, arena);
      MappedSegment s = new MappedSegment(index, path, kind, arena, m, FormatHeader.SIZE);
      s.appendChannel = ch;
      return s;
    } catch (IOException | RuntimeException e) {
      arena.close();
      ch.close();
      throw e;
    }
  }

  /**
   * Writes {@code entry[0, len)} after the last entry, then publishes it to readers. One appending
   * thread; a failed write publishes nothing and the next append overwrites what it left.
   */
  void append(byte[] entry, int len) throws IOException {
    FileChannel ch = appendChannel;
    if (ch == null) {
      throw new IllegalStateException("BUG: append to a finished segment " + path);
    }
    long at = end;
    writeFully(ch, ByteBuffer.wrap(entry, 0, len), at);
    end = at + len;
  }

  /** Ends appending: flushes the file to disk and closes it; the mapping stays for reads. */
  void finishAppending() throws IOException {
    FileChannel ch = appendChannel;
    if (ch != null) {
      appendChannel = null;
      try (ch) {
        ch.force(false);
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b, position + b.position());
    }
  }

  long end() {
    return end;
  }

  long capacity() {
    return memory.byteSize();
  }

  /** Unmaps; idempotent for one closing thread. */
  @Override
  public void close() {
    if (arena.scope().isAlive()) {
      arena.close();
    }
  }

  CorruptionException corrupt(long offset, String reason) {
    return new CorruptionException(path, offset, reason);
  }

  /**
   * Copies the entry at {@code off} into {@code into}.
   *
   * @return the encoding
   * @throws CorruptionException naming this file when the entry is out of bounds, has an unknown
   *     encoding, or (with {@code verify}) fails its checksum
   */
  Encoding read(long off, boolean verify, ChunkBuf into) {
    long dataAt = frame(off, into);
    int len = into.length();
    byte[] data = into.data();
    MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, dataAt, data, 0, len);
    if (verify) {
      CRC32C crc = into.crc;
      crc.reset();
      for (long i = checksumFrom(off, dataAt); i < dataAt; i++) {
        crc.update(memory.get(ValueLayout.JAVA_BYTE, i));
      }
      crc.update(data, 0, len);
      checkChecksum(off, dataAt + len, crc);
    }
    return into.encoding();
  }

  /**
   * Checks the whole entry at {@code off} where it lies, checksum included, and fills the framing
   * fields of {@code into} (not its data). For scans.
   *
   * @return the position after the entry
   * @throws CorruptionException as {@link #read} with verification
   */
  long verify(long off, ChunkBuf into) {
    long dataAt = frame(off, into);
    long crcAt = dataAt + into.length();
    long from = checksumFrom(off, dataAt);
    into.crc.reset();
    into.crc.update(memory.asSlice(from, crcAt - from).asByteBuffer());
    checkChecksum(off, crcAt, into.crc);
    return crcAt + SegmentKind.CRC_BYTES;
  }

  /**
   * Reads the framing of the entry at {@code off} (head fields, length, encoding) into {@code
   * into}, sized for the data but without it.
   *
   * @return the position of the entry's data
   */
  private long frame(long off, ChunkBuf into) {
    long limit = end;
    if (off < FormatHeader.SIZE || off >= limit) {
      throw corrupt(off, "chunk ref past the end of the segment (" + limit + " bytes)");
    }
    long p = off + kind.prefixBytes;
    long len = 0;
    for (int shift = 0; ; shift += 7) {
      if (p >= limit || shift > 28) {
        throw corrupt(off, "bad chunk length");
      }
      byte b = memory.get(ValueLayout.JAVA_BYTE, p++);
      len |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
    }
    if (len > Integer.MAX_VALUE - 64 || p + 1 + len + SegmentKind.CRC_BYTES > limit) {
      throw corrupt(off, "chunk of " + len + " bytes runs past the end of the segment");
    }
    int encId = memory.get(ValueLayout.JAVA_BYTE, p++) & 0xFF;
    if (!Encoding.isKnown(encId)) {
      throw corrupt(off, "unknown chunk encoding " + encId);
    }
    into.frame(Encoding.ofId(encId), (int) len);
    if (kind == SegmentKind.HEAD) {
      into.head(
          memory.get(LONG_BE, off), memory.get(LONG_BE, off + 8), memory.get(LONG_BE, off + 16));
    }
    return p;
  }

  /** Where an entry's checksum starts: the whole head entry, or a block entry's encoding byte. */
  private long checksumFrom(long entryStart, long dataAt) {
    return kind == SegmentKind.HEAD ? entryStart : dataAt - 1;
  }

  private void checkChecksum(long off, long crcAt, CRC32C crc) {
    int stored = memory.get(INT_BE, crcAt);
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw corrupt(
          off,
          String.format("chunk checksum mismatch: stored %08x, computed %08x", stored, computed));
    }
  }
}
