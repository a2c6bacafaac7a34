package io.moraine.tsdb.index;

import io.moraine.core.encoding.FormatHeader;
import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes a block's index file (docs/format/index.md). Series are added in strictly increasing
 * {@link Labels} order; the i-th series added gets id i. {@link #close()} writes the file as {@code
 * <file>.tmp}, forces it to disk and renames it to {@code file}, so the index is either complete or
 * absent.
 *
 * <p>Memory: one bitmap per distinct label pair and the distinct strings; chunk metas are spilled
 * to {@code <file>.spill} as series arrive and are never held for more than one series. Not
 * thread-safe; one writer per file. A caller that gives up (an exception while adding series) calls
 * {@link #abort()}, which removes the scratch files; {@code close()} afterwards does nothing.
 */
public final class IndexWriter implements AutoCloseable {
  private final Path file;
  private final Path tmpFile;
  private final SpillFile spill;
  private final HashMap<String, Integer> stringIds = new HashMap<>();
  private final List<String> strings = new ArrayList<>();
  private final HashMap<Long, Integer> pairIds = new HashMap<>();
  private final List<RoaringBitmap> pairPostings = new ArrayList<>();
  private int[] pairName = new int[1024];
  private int[] pairValue = new int[1024];
  private int[] scratchPairs = new int[32];
  private @Nullable Labels last;
  private int numSeries;
  private boolean closed;

  /** Starts an index at {@code file}; scratch files live beside it. */
  public IndexWriter(Path file) throws IOException {
    this.file = Objects.requireNonNull(file);
    this.tmpFile = file.resolveSibling(file.getFileName() + ".tmp");
    this.spill = new SpillFile(file.resolveSibling(file.getFileName() + ".spill"));
  }

  /**
   * Adds the next series; its id is the number of series added before it.
   *
   * @param chunks the series' chunk metas sorted by mint; copied, not retained
   * @throws IllegalStateException when {@code labels} does not sort after the previous series, or
   *     after close
   * @throws IllegalArgumentException on empty labels or chunk metas out of mint order
   */
  public void addSeries(Labels labels, List<ChunkMeta> chunks) throws IOException {
    if (closed) {
      throw new IllegalStateException("BUG: addSeries after close");
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("series without labels");
    }
    if (last != null && last.compareTo(labels) >= 0) {
      throw new IllegalStateException(
          "BUG: series not in strictly increasing label order: " + labels + " after " + last);
    }
    for (int k = 1; k < chunks.size(); k++) {
      if (chunks.get(k).mint() < chunks.get(k - 1).mint()) {
        throw new IllegalArgumentException("chunk metas not sorted by mint for " + labels);
      }
    }
    int n = labels.size();
    if (scratchPairs.length < n) {
      scratchPairs = new int[n * 2];
    }
    for (int j = 0; j < n; j++) {
      int pair = pairId(labels.name(j), labels.value(j));
      pairPostings.get(pair).add(numSeries);
      scratchPairs[j] = pair;
    }
    spill.append(scratchPairs, n, chunks);
    last = labels;
    numSeries++;
  }

  /** The number of series added so far. */
  public int numSeries() {
    return numSeries;
  }

  private int stringId(String s) {
    Integer id = stringIds.get(s);
    if (id == null) {
      id = strings.size();
      stringIds.put(s, id);
      strings.add(s);
    }
    return id;
  }

  private int pairId(String name, String value) {
    int nameId = stringId(name);
    int valueId = stringId(value);
    // Long.hashCode folds the halves (nameId ^ valueId), which collide heavily for small ids and
    // turned the map's bins into trees (seen in an import profile); multiplying by an odd constant
    // is a bijection on longs that spreads them.
    long key = (((long) nameId << 32) | valueId) * 0x9E3779B97F4A7C15L;
    Integer id = pairIds.get(key);
    if (id == null) {
      id = pairPostings.size();
      pairIds.put(key, id);
      pairPostings.add(new RoaringBitmap());
      if (id == pairName.length) {
        pairName = Arrays.copyOf(pairName, id * 2);
        pairValue = Arrays.copyOf(pairValue, id * 2);
      }
      pairName[id] = nameId;
      pairValue[id] = valueId;
    }
    return id;
  }

  /** Drops the index: deletes the scratch files and writes nothing. Idempotent. */
  public void abort() throws IOException {
    closed = true;
    try {
      spill.close();
    } finally {
      Files.deleteIfExists(tmpFile);
    }
  }

  /** Writes the index file, forces it to disk and publishes it under its name. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writeFile();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmpFile);
      throw e;
    } finally {
      spill.close();
    }
    Files.move(tmpFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.toAbsolutePath().getParent());
  }

  private void writeFile() throws IOException {
    String[] symbols = strings.toArray(new String[0]);
    Arrays.sort(symbols);
    int[] symbolRef = new int[symbols.length];
    for (int i = 0; i < symbols.length; i++) {
      symbolRef[Objects.requireNonNull(stringIds.get(symbols[i]))] = i;
    }
    PairLayout pairs = PairLayout.of(pairPostings.size(), pairName, pairValue, symbolRef);
    long[] toc = new long[IndexFormat.SECTION_COUNT];
    try (IndexOutput out = new IndexOutput(tmpFile)) {
      ByteBuffer header = ByteBuffer.allocate(FormatHeader.SIZE);
      FormatHeader.write(header, IndexFormat.MAGIC, IndexFormat.VERSION);
      out.writeRaw(header.array(), 0, FormatHeader.SIZE);
      toc[IndexFormat.SECTION_SYMBOLS] = out.beginSection();
      out.write(encodeSymbols(symbols));
      out.endSection();
      toc[IndexFormat.SECTION_SERIES] = out.beginSection();
      int[] groupOffsets = writeSeries(out, pairs);
      out.endSection();
      toc[IndexFormat.SECTION_SERIES_INDEX] = out.beginSection();
      out.write(encodeSeriesIndex(groupOffsets));
      out.endSection();
      toc[IndexFormat.SECTION_POSTINGS] = out.beginSection();
      long[] postingOffsets = writePostings(out, pairs);
      out.endSection();
      toc[IndexFormat.SECTION_POSTINGS_TABLE] = out.beginSection();
      out.write(pairs.encodeTable(symbolRef, postingOffsets));
      out.endSection();
      ByteSink tail = new ByteSink(IndexFormat.TOC_SIZE);
      for (long off : toc) {
        tail.putLong(off);
      }
      tail.putInt(io.moraine.core.encoding.Crc32c.of(tail.array(), 0, tail.length()));
      out.writeRaw(tail);
      out.sync();
    }
  }

  /** Front-coded symbols (docs/format/index.md, "Symbols"). */
  private static ByteSink encodeSymbols(String[] symbols) {
    ByteSink s = new ByteSink(symbols.length * 16);
    s.putUvarint(symbols.length);
    byte[] prev = new byte[0];
    for (String sym : symbols) {
      byte[] b = sym.getBytes(StandardCharsets.UTF_8);
      int shared = Arrays.mismatch(prev, b); // never -1: symbols are distinct
      s.putUvarint(shared);
      s.putUvarint(b.length - shared);
      s.putBytes(b, shared, b.length - shared);
      prev = b;
    }
    return s;
  }

  /** Transcodes the spilled series into the series section; returns the restart group offsets. */
  private int[] writeSeries(IndexOutput out, PairLayout pairs) throws IOException {
    int interval = IndexFormat.SERIES_RESTART_INTERVAL;
    int[] groupOffsets = new int[(numSeries + interval - 1) / interval];
    SeriesEncoder enc = new SeriesEncoder();
    ByteSink buf = new ByteSink(1 << 16);
    long written = 0;
    int[] names = new int[32];
    int[] values = new int[32];
    try (SpillFile.Reader in = spill.reader()) {
      for (int id = 0; id < numSeries; id++) {
        in.next();
        boolean restart = id % interval == 0;
        if (restart) {
          long off = written + buf.length();
          if (off > 0xFFFF_FFFFL) {
            throw new IllegalStateException("series section over 4 GiB");
          }
          groupOffsets[id / interval] = (int) off;
        }
        int n = in.labelCount;
        if (names.length < n) {
          names = new int[n * 2];
          values = new int[n * 2];
        }
        for (int j = 0; j < n; j++) {
          names[j] = pairs.nameOrdinal[in.pairIds[j]];
          values[j] = pairs.valueOrdinal[in.pairIds[j]];
        }
        enc.encode(restart, names, values, n, in.refs, in.mints, in.maxts, in.chunkCount, buf);
        if (buf.length() > (1 << 15)) {
          out.write(buf);
          written += buf.length();
          buf.reset();
        }
      }
    }
    out.write(buf);
    return groupOffsets;
  }

  private ByteSink encodeSeriesIndex(int[] groupOffsets) {
    ByteSink s = new ByteSink(8 + groupOffsets.length * 4);
    s.putInt(numSeries);
    s.putInt(IndexFormat.SERIES_RESTART_INTERVAL);
    for (int off : groupOffsets) {
      s.putInt(off);
    }
    return s;
  }

  /** Writes each pair's bitmap in table order; returns the start offsets (plus the end). */
  private long[] writePostings(IndexOutput out, PairLayout pairs) throws IOException {
    long[] offsets = new long[pairs.order.length + 1];
    long pos = 0;
    byte[] buf = new byte[256];
    for (int i = 0; i < pairs.order.length; i++) {
      offsets[i] = pos;
      RoaringBitmap bm = pairPostings.get(pairs.order[i]);
      bm.runOptimize();
      int size = bm.serializedSizeInBytes();
      if (buf.length < size) {
        buf = new byte[Math.max(size, buf.length * 2)];
      }
      bm.serialize(ByteBuffer.wrap(buf, 0, size));
      out.write(buf, 0, size);
      pos += size;
    }
    offsets[pairs.order.length] = pos;
    return offsets;
  }

  private static void syncDirectory(@Nullable Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
