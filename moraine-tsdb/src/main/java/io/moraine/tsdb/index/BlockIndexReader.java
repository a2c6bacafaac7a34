package io.moraine.tsdb.index;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.InvalidRoaringFormat;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@link IndexReader} of a persisted block: the index file (docs/format/index.md) mapped
 * read-only into memory.
 *
 * <p>{@link #open} checks the header, the TOC and every section's CRC32C, then loads the symbols
 * and the postings table onto the heap (label names and values, where each postings list lies).
 * Series entries and postings are read from the mapping on demand.
 *
 * <p><b>Lifetime</b>: the mapping lives until {@link #close()}, which unmaps it at once; the owner
 * (the block) must close only after every reader thread is done — an access after close fails with
 * {@link IllegalStateException}. Returned bitmaps, lists and labels are heap copies or immutable
 * heap objects and stay valid after close. Thread-safe otherwise.
 */
public final class BlockIndexReader implements IndexReader {
  private final Path file;
  private final Arena arena;
  private final MemorySegment seg;
  private final List<String> labelNames;
  private final String[] names;
  private final String[][] values;
  private final List<List<String>> valueLists;
  private final int[] valueCounts;
  private final int[] postingBase;
  private final long[] postingStart;
  private final long postingsPayload;
  private final long seriesPayload;
  private final long seriesEnd;
  private final long groupOffsets;
  private final int numSeries;
  private final int interval;
  private final RoaringBitmap all;

  private BlockIndexReader(Path file, Arena arena, MemorySegment seg, IndexSections s) {
    this.file = file;
    this.arena = arena;
    this.seg = seg;
    String[] symbols = s.readSymbols();
    PostingsTable t = PostingsTable.read(s.cursor(IndexFormat.SECTION_POSTINGS_TABLE), symbols);
    if (t.postingsLength() != s.length(IndexFormat.SECTION_POSTINGS)) {
      throw s.cursor(IndexFormat.SECTION_POSTINGS).corrupt("length disagrees with postings table");
    }
    names = t.names;
    values = t.values;
    labelNames = List.of(names);
    valueLists = Arrays.stream(values).map(List::of).toList();
    valueCounts = Arrays.stream(values).mapToInt(v -> v.length).toArray();
    postingBase = t.base;
    postingStart = t.starts;
    postingsPayload = s.payload(IndexFormat.SECTION_POSTINGS);
    seriesPayload = s.payload(IndexFormat.SECTION_SERIES);
    seriesEnd = seriesPayload + s.length(IndexFormat.SECTION_SERIES);
    Cursor idx = s.cursor(IndexFormat.SECTION_SERIES_INDEX);
    numSeries = idx.getInt();
    interval = idx.getInt();
    if (numSeries < 0 || interval <= 0) {
      throw idx.corrupt("bad series count " + numSeries + " or restart interval " + interval);
    }
    long groups = (numSeries + (long) interval - 1) / interval;
    if (idx.remaining() != groups * 4) {
      throw idx.corrupt("expected " + groups + " restart offsets, found " + idx.remaining() / 4.0);
    }
    groupOffsets = idx.position();
    all = RoaringBitmap.bitmapOfRange(0, numSeries);
  }

  /**
   * Maps and verifies an index file.
   *
   * @throws CorruptionException naming the file and section on a bad header, unknown version,
   *     checksum mismatch or malformed section
   * @throws IOException when the file cannot be read
   */
  public static BlockIndexReader open(Path file) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return new BlockIndexReader(file, arena, seg, IndexSections.verify(file, seg));
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** The file this reader maps. */
  public Path file() {
    return file;
  }

  @Override
  public int numSeries() {
    return numSeries;
  }

  @Override
  public boolean sortedIds() {
    return true;
  }

  @Override
  public List<String> labelNames() {
    return labelNames;
  }

  @Override
  public List<String> labelValues(String name) {
    int n = Arrays.binarySearch(names, name);
    return n < 0 ? List.of() : valueLists.get(n);
  }

  @Override
  public RoaringBitmap postings(String name, String value) {
    int n = Arrays.binarySearch(names, name);
    if (n < 0) {
      return new RoaringBitmap();
    }
    int v = Arrays.binarySearch(values[n], value);
    if (v < 0) {
      return new RoaringBitmap();
    }
    int g = postingBase[n] + v;
    long start = postingStart[g];
    long len = postingStart[g + 1] - start;
    RoaringBitmap bm = new RoaringBitmap();
    try {
      bm.deserialize(seg.asSlice(postingsPayload + start, len).asByteBuffer());
    } catch (IOException | InvalidRoaringFormat | IndexOutOfBoundsException e) {
      throw new CorruptionException(
          file, postingsPayload + start, "postings section: bad bitmap for " + name + "=" + value);
    }
    return bm;
  }

  @Override
  public RoaringBitmap allPostings() {
    return all;
  }

  @Override
  public Labels labels(int seriesId) {
    return new GroupCursor().next(seriesId, null);
  }

  @Override
  public Labels series(int seriesId, ChunkMetas chunksInto) {
    return new GroupCursor().next(seriesId, chunksInto);
  }

  @Override
  public int chunks(int seriesId, ChunkMetas into) {
    new GroupCursor().move(seriesId, into);
    return into.size();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Decodes each restart group at most once for ids that ascend, instead of decoding from the
   * group's start for every id as {@link #labels} and {@link #chunks} do.
   */
  @Override
  public SeriesCursor seriesCursor() {
    return new GroupCursor();
  }

  /**
   * The decoding position in the series section: the last entry decoded and the group state after
   * it. Belongs to one caller; the reader itself keeps no position, so it stays shareable.
   */
  private final class GroupCursor implements SeriesCursor {
    private final Cursor c = new Cursor(file, "series", seg, seriesPayload, seriesEnd);
    private final SeriesDecoder d = new SeriesDecoder(valueCounts);

    /** The id of the entry just decoded (the cursor stands after it); -1 before the first. */
    private int at = -1;

    @Override
    public Labels next(int seriesId, @Nullable ChunkMetas chunksInto) {
      move(seriesId, chunksInto);
      return toLabels(d);
    }

    /**
     * Decodes up to and including {@code seriesId}, from its group's start unless already in it.
     */
    void move(int seriesId, @Nullable ChunkMetas chunks) {
      if (seriesId < 0 || seriesId >= numSeries) {
        throw new IllegalArgumentException(
            "series id " + seriesId + " not in index " + file + " of " + numSeries + " series");
      }
      if (seriesId <= at) {
        throw new IllegalArgumentException("series id " + seriesId + " not after " + at);
      }
      int group = seriesId / interval;
      int first = group * interval;
      if (at < first) {
        c.position(seriesPayload + Cursor.u32At(seg, groupOffsets + group * 4L));
        at = first - 1;
      }
      while (at < seriesId) {
        at++;
        d.next(c, at == first, at == seriesId ? chunks : null);
      }
    }
  }

  private Labels toLabels(SeriesDecoder d) {
    String[] kv = new String[d.count * 2];
    for (int j = 0; j < d.count; j++) {
      kv[2 * j] = names[d.names[j]];
      kv[2 * j + 1] = values[d.names[j]][d.values[j]];
    }
    try {
      return Labels.ofSorted(kv);
    } catch (IllegalArgumentException e) {
      throw new CorruptionException(file, seriesPayload, "series section: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    arena.close();
  }

  @Override
  public String toString() {
    return "BlockIndexReader[" + file + ", " + numSeries + " series]";
  }
}
