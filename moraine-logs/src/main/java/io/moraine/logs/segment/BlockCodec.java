package io.moraine.logs.segment;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.Varint;
import io.moraine.core.labels.Labels;
import io.moraine.logs.bloom.TokenFilter;
import io.moraine.logs.bloom.TokenFilterBuilder;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes an {@link EntryBlock} into a block (token filter, zstd entries section, zstd lines
 * section) and decodes it back. Not thread-safe: one codec per thread; buffers are reused.
 */
public final class BlockCodec {
  private final ZstdCompressor compressor = new ZstdCompressor();
  private final ZstdDecompressor decompressor = new ZstdDecompressor();
  private final TokenFilterBuilder filterBuilder = new TokenFilterBuilder();
  private final BinaryWriter entries = new BinaryWriter();
  private byte[] raw = new byte[4096];
  private int[] refs = new int[64];

  /** The lines in entry order (a sort leaves them in append order in the block's array). */
  private byte[] ordered = new byte[4096];

  /**
   * Encodes a block whose entries are sorted by time.
   *
   * @param filterBudget the token filter's largest size as a fraction of the compressed size
   */
  public EncodedBlock encode(EntryBlock b, double filterBudget) {
    int n = b.count();
    if (n == 0) {
      throw new IllegalStateException("BUG: encoding an empty block");
    }
    entries.reset();
    Map<Labels, Integer> dict = new HashMap<>();
    List<Labels> dictList = new ArrayList<>();
    if (refs.length < n) {
      refs = new int[Math.max(n, refs.length * 2)];
    }
    for (int i = 0; i < n; i++) {
      Labels m = b.metadata(i);
      if (m.isEmpty()) {
        refs[i] = 0;
        continue;
      }
      Integer known = dict.putIfAbsent(m, dictList.size());
      if (known == null) {
        dictList.add(m);
        refs[i] = dictList.size();
      } else {
        refs[i] = known + 1;
      }
    }
    entries.uvarint(dictList.size());
    for (Labels m : dictList) {
      entries.labels(m);
    }
    long prev = b.timestamp(0);
    filterBuilder.reset();
    if (ordered.length < b.linesLength()) {
      ordered = new byte[Math.max(b.linesLength(), ordered.length * 2)];
    }
    int orderedLength = 0;
    for (int i = 0; i < n; i++) {
      long t = b.timestamp(i);
      entries.uvarint(Varint.zigzag(t - prev));
      prev = t;
      entries.uvarint(b.lineLength(i));
      entries.uvarint(refs[i]);
      filterBuilder.addLine(b.lines(), b.lineOffset(i), b.lineLength(i));
      System.arraycopy(b.lines(), b.lineOffset(i), ordered, orderedLength, b.lineLength(i));
      orderedLength += b.lineLength(i);
    }
    byte[] entriesRaw = entries.toByteArray();
    byte[] entriesZ = compress(entriesRaw, 0, entriesRaw.length);
    byte[] linesZ = compress(ordered, 0, orderedLength);
    int budget = (int) ((entriesZ.length + linesZ.length) * filterBudget);
    TokenFilter filter = filterBuilder.build(budget);
    ByteBuffer out = ByteBuffer.allocate(filter.encodedSize() + entriesZ.length + linesZ.length);
    filter.writeTo(out);
    out.put(entriesZ).put(linesZ);
    byte[] bytes = out.array();
    BlockMeta meta =
        new BlockMeta(
            0,
            filter.encodedSize(),
            entriesZ.length,
            linesZ.length,
            entriesRaw.length,
            orderedLength,
            b.timestamp(0),
            b.timestamp(n - 1),
            n,
            Crc32c.of(bytes, 0, bytes.length));
    return new EncodedBlock(meta, bytes);
  }

  private byte[] compress(byte[] src, int off, int len) {
    byte[] dst = new byte[compressor.maxCompressedLength(len)];
    int z = compressor.compress(src, off, len, dst, 0, dst.length);
    return java.util.Arrays.copyOf(dst, z);
  }

  /**
   * Decodes the block whose bytes start at {@code buf[base]} into {@code into}.
   *
   * @param linesNeeded false: lines are not decompressed (lengths are still right)
   * @throws IllegalArgumentException when the bytes do not decode (callers report corruption)
   */
  public void decode(byte[] buf, int base, BlockMeta m, boolean linesNeeded, EntryBlock into) {
    try {
      if (raw.length < m.entriesRaw()) {
        raw = new byte[Math.max(m.entriesRaw(), raw.length * 2)];
      }
      int at = base + m.filterLength();
      int got = decompressor.decompress(buf, at, m.entriesLength(), raw, 0, raw.length);
      if (got != m.entriesRaw()) {
        throw new IllegalArgumentException(
            "entries section is " + got + " bytes, not " + m.entriesRaw());
      }
      ByteBuffer in = ByteBuffer.wrap(raw, 0, got);
      int dictSize = BinaryReader.count(in);
      Labels[] dict = new Labels[dictSize];
      for (int i = 0; i < dictSize; i++) {
        dict[i] = BinaryReader.labels(in);
      }
      into.reset(m.count());
      long t = m.minTs();
      int off = 0;
      for (int i = 0; i < m.count(); i++) {
        t += Varint.unzigzag(Varint.getUvarint(in));
        int len = (int) Varint.getUvarint(in);
        int ref = (int) Varint.getUvarint(in);
        if (len < 0 || ref > dictSize || off + len > m.linesRaw()) {
          throw new IllegalArgumentException("entry " + i + " out of bounds");
        }
        into.set(i, t, off, len, ref == 0 ? Labels.EMPTY : dict[ref - 1]);
        off += len;
      }
      into.setCount(m.count());
      if (linesNeeded && m.linesRaw() > 0) {
        // only a read that uses lines holds a block's worth of them (1 MiB per open cursor)
        byte[] lines = into.linesBuffer(m.linesRaw());
        int lz =
            decompressor.decompress(
                buf, at + m.entriesLength(), m.linesLength(), lines, 0, m.linesRaw());
        if (lz != m.linesRaw()) {
          throw new IllegalArgumentException(
              "lines section is " + lz + " bytes, not " + m.linesRaw());
        }
      }
    } catch (MalformedInputException | BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("block does not decode: " + e.getMessage(), e);
    }
  }

  /** The token filter of the block whose bytes start at {@code buf[base]}. */
  public static TokenFilter filter(byte[] buf, int base, BlockMeta m) {
    return TokenFilter.read(ByteBuffer.wrap(buf, base, m.filterLength()));
  }
}
