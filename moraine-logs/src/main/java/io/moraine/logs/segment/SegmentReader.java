package io.moraine.logs.segment;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import io.moraine.logs.bloom.TokenFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open segment file: its index in memory (streams, their block metas, postings), blocks read
 * with positional reads on demand. Thread-safe. Reference-counted: the opener holds one reference;
 * readers {@link #retain()} and {@link #release()}; the file is closed when the count reaches zero,
 * and deleted then if {@link #markDeleted()} was called.
 */
public final class SegmentReader {
  /** One stream of the segment. */
  public record Stream(Labels labels, List<BlockMeta> blocks) {}

  private final Path file;
  private final FileChannel ch;
  private final long size;
  private final long minTs;
  private final long maxTs;
  private final List<Stream> streams;
  private final Map<String, Map<String, int[]>> postings;
  private final AtomicInteger refs = new AtomicInteger(1);
  private volatile boolean deleted;

  private SegmentReader(Path file, FileChannel ch) throws IOException {
    this.file = file;
    this.ch = ch;
    this.size = ch.size();
    ByteBuffer head = read(0, FormatHeader.SIZE);
    FormatHeader.read(head, file, SegmentFormat.MAGIC, SegmentFormat.VERSION, SegmentFormat.NAME);
    if (size < FormatHeader.SIZE + SegmentFormat.FOOTER) {
      throw new CorruptionException(file, size, "segment too short for its footer");
    }
    ByteBuffer footer = read(size - SegmentFormat.FOOTER, SegmentFormat.FOOTER);
    if (Crc32c.of(footer.array(), 0, 32) != footer.getInt(32)) {
      throw new CorruptionException(file, size - 4, "footer CRC32C mismatch");
    }
    long streamsAt = footer.getLong();
    long postingsAt = footer.getLong();
    this.minTs = footer.getLong();
    this.maxTs = footer.getLong();
    long end = size - SegmentFormat.FOOTER;
    if (streamsAt < FormatHeader.SIZE || postingsAt < streamsAt || postingsAt > end) {
      throw new CorruptionException(
          file, size - SegmentFormat.FOOTER, "footer offsets out of range");
    }
    ByteBuffer s = section(streamsAt, postingsAt, "streams");
    ByteBuffer p = section(postingsAt, end, "postings");
    try {
      this.streams = readStreams(s);
      this.postings = readPostings(p);
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw new CorruptionException(file, streamsAt, "index does not decode: " + e.getMessage());
    }
  }

  /**
   * Opens a segment file and reads its index.
   *
   * @throws CorruptionException on another format, an unsupported version or a bad checksum
   */
  public static SegmentReader open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new SegmentReader(file, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  /** Bytes of the file. */
  public long sizeBytes() {
    return size;
  }

  public long minTs() {
    return minTs;
  }

  public long maxTs() {
    return maxTs;
  }

  /** Streams sorted by labels. */
  public List<Stream> streams() {
    return streams;
  }

  /** Indexes into {@link #streams()} of the streams with label {@code name=value}, ascending. */
  public int[] postings(String name, String value) {
    Map<String, int[]> byValue = postings.get(name);
    int[] p = byValue == null ? null : byValue.get(value);
    return p == null ? new int[0] : p;
  }

  /** The values of label {@code name} in this segment with their postings. */
  public Map<String, int[]> values(String name) {
    Map<String, int[]> byValue = postings.get(name);
    return byValue == null ? Map.of() : byValue;
  }

  /** Label names in this segment. */
  public java.util.Set<String> names() {
    return postings.keySet();
  }

  /**
   * Reads a block's bytes into {@code buf} (grown when too small) and checks its CRC.
   *
   * @return the buffer holding the block at index 0
   * @throws CorruptionException on a checksum mismatch or a short read
   */
  public byte[] readBlock(BlockMeta m, byte[] buf) {
    byte[] out = buf.length >= m.length() ? buf : new byte[Math.max(m.length(), buf.length * 2)];
    ByteBuffer b = ByteBuffer.wrap(out, 0, m.length());
    try {
      long pos = m.offset();
      while (b.hasRemaining()) {
        int n = ch.read(b, pos);
        if (n < 0) {
          throw new CorruptionException(file, pos, "block cut short");
        }
        pos += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Crc32c.of(out, 0, m.length()) != m.crc()) {
      throw new CorruptionException(file, m.offset(), "block CRC32C mismatch");
    }
    return out;
  }

  /** Reads only the block's token filter. */
  public TokenFilter readFilter(BlockMeta m) {
    try {
      return TokenFilter.read(read(m.offset(), m.filterLength()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw new CorruptionException(file, m.offset(), "token filter: " + e.getMessage());
    }
  }

  /** A block's bytes as an {@link EncodedBlock} (for rewriting the segment). */
  public EncodedBlock encoded(BlockMeta m) {
    return new EncodedBlock(m.at(0), readBlock(m, new byte[m.length()]));
  }

  /** Takes a reference; false when the file is already closed (the caller must not use it). */
  public boolean retain() {
    while (true) {
      int n = refs.get();
      if (n == 0) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Drops a reference; the last one closes the file (and deletes it when marked). */
  public void release() {
    if (refs.decrementAndGet() == 0) {
      try {
        ch.close();
        if (deleted) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Deletes the file once the last reference is released. */
  public void markDeleted() {
    deleted = true;
  }

  private ByteBuffer read(long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      if (ch.read(b, pos + b.position()) < 0) {
        throw new CorruptionException(file, pos, "file cut short");
      }
    }
    return b.flip();
  }

  private ByteBuffer section(long from, long to, String name) throws IOException {
    if (to - from < 4 || to - from > Integer.MAX_VALUE) {
      throw new CorruptionException(file, from, name + " section has a bad length");
    }
    ByteBuffer b = read(from, (int) (to - from));
    int bodyLen = b.remaining() - 4;
    if (Crc32c.of(b.array(), 0, bodyLen) != b.getInt(bodyLen)) {
      throw new CorruptionException(file, from, name + " section CRC32C mismatch");
    }
    return b.limit(bodyLen);
  }

  private List<Stream> readStreams(ByteBuffer s) {
    int n = BinaryReader.count(s);
    List<Stream> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Labels l = BinaryReader.labels(s);
      int nb = BinaryReader.count(s);
      List<BlockMeta> bs = new ArrayList<>(nb);
      for (int j = 0; j < nb; j++) {
        bs.add(
            new BlockMeta(
                Varint.getUvarint(s),
                (int) Varint.getUvarint(s),
                (int) Varint.getUvarint(s),
                (int) Varint.getUvarint(s),
                (int) Varint.getUvarint(s),
                (int) Varint.getUvarint(s),
                Varint.getVarint(s),
                Varint.getVarint(s),
                (int) Varint.getUvarint(s),
                (int) Varint.getUvarint(s)));
      }
      out.add(new Stream(l, List.copyOf(bs)));
    }
    return List.copyOf(out);
  }

  private Map<String, Map<String, int[]>> readPostings(ByteBuffer p) {
    int n = BinaryReader.count(p);
    Map<String, Map<String, int[]>> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String name = BinaryReader.str(p);
      String value = BinaryReader.str(p);
      int[] ids = new int[BinaryReader.count(p)];
      int prev = 0;
      for (int j = 0; j < ids.length; j++) {
        prev += (int) Varint.getUvarint(p);
        if (prev >= streams.size()) {
          throw new IllegalArgumentException("posting past the streams");
        }
        ids[j] = prev;
      }
      out.computeIfAbsent(name, k -> new HashMap<>()).put(value, ids);
    }
    return out;
  }
}
