package io.moraine.logs.segment;

import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.encoding.Crc32c;
import io.moraine.core.encoding.FormatHeader;
import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one segment file: streams in label order, each with its blocks in cut order, then the
 * index. Written to a temporary sibling, fsynced and renamed by {@link #finish()}, so a reader
 * never sees a partial file. Not thread-safe.
 */
public final class SegmentWriter implements AutoCloseable {
  private final Path file;
  private final Path tmp;
  private final FileChannel ch;
  private long position;
  private final List<Labels> streams = new ArrayList<>();
  private final List<List<BlockMeta>> blocks = new ArrayList<>();
  private long minTs = Long.MAX_VALUE;
  private long maxTs = Long.MIN_VALUE;
  private boolean finished;

  /** Starts writing {@code file} (which must not exist yet). */
  public SegmentWriter(Path file) throws IOException {
    this.file = file;
    this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    ByteBuffer h = ByteBuffer.allocate(FormatHeader.SIZE);
    FormatHeader.write(h, SegmentFormat.MAGIC, SegmentFormat.VERSION);
    write(h.flip());
  }

  /** Starts the next stream; streams must come in ascending label order. */
  public void beginStream(Labels labels) {
    if (!streams.isEmpty() && streams.getLast().compareTo(labels) >= 0) {
      throw new IllegalStateException("BUG: segment streams out of order: " + labels);
    }
    streams.add(labels);
    blocks.add(new ArrayList<>());
  }

  /** Appends a block of the current stream. */
  public void addBlock(EncodedBlock b) throws IOException {
    if (streams.isEmpty()) {
      throw new IllegalStateException("BUG: block before any stream");
    }
    blocks.getLast().add(b.meta().at(position));
    write(ByteBuffer.wrap(b.bytes()));
    minTs = Math.min(minTs, b.meta().minTs());
    maxTs = Math.max(maxTs, b.meta().maxTs());
  }

  /** Whether any block was added. */
  public boolean isEmpty() {
    return minTs == Long.MAX_VALUE;
  }

  /** Writes the index and footer, fsyncs and renames the file into place. */
  public void finish() throws IOException {
    long streamsOffset = position;
    BinaryWriter w = new BinaryWriter();
    w.uvarint(streams.size());
    Map<String, Map<String, List<Integer>>> postings = new TreeMap<>();
    for (int s = 0; s < streams.size(); s++) {
      Labels l = streams.get(s);
      w.labels(l);
      for (int i = 0; i < l.size(); i++) {
        postings
            .computeIfAbsent(l.name(i), k -> new TreeMap<>())
            .computeIfAbsent(l.value(i), k -> new ArrayList<>())
            .add(s);
      }
      List<BlockMeta> bs = blocks.get(s);
      w.uvarint(bs.size());
      for (BlockMeta m : bs) {
        w.uvarint(m.offset()).uvarint(m.filterLength()).uvarint(m.entriesLength());
        w.uvarint(m.linesLength()).uvarint(m.entriesRaw()).uvarint(m.linesRaw());
        w.uvarint(io.moraine.core.encoding.Varint.zigzag(m.minTs()));
        w.uvarint(io.moraine.core.encoding.Varint.zigzag(m.maxTs()));
        w.uvarint(m.count());
        w.uvarint(m.crc() & 0xFFFFFFFFL);
      }
    }
    writeSection(w);
    long postingsOffset = position;
    w = new BinaryWriter();
    int count = 0;
    for (var byName : postings.values()) {
      count += byName.size();
    }
    w.uvarint(count);
    for (var byName : postings.entrySet()) {
      for (var byValue : byName.getValue().entrySet()) {
        w.str(byName.getKey()).str(byValue.getKey()).uvarint(byValue.getValue().size());
        int prev = 0;
        for (int s : byValue.getValue()) {
          w.uvarint(s - prev);
          prev = s;
        }
      }
    }
    writeSection(w);
    ByteBuffer footer = ByteBuffer.allocate(SegmentFormat.FOOTER);
    footer.putLong(streamsOffset).putLong(postingsOffset).putLong(minTs).putLong(maxTs);
    footer.putInt(Crc32c.of(footer.array(), 0, 32));
    write(footer.flip());
    ch.force(true);
    ch.close();
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    finished = true;
  }

  private void writeSection(BinaryWriter w) throws IOException {
    byte[] body = w.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(body.length + 4);
    b.put(body).putInt(Crc32c.of(body, 0, body.length));
    write(b.flip());
  }

  private void write(ByteBuffer b) throws IOException {
    position += b.remaining();
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Abandons an unfinished file. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      ch.close();
      Files.deleteIfExists(tmp);
    }
  }
}
