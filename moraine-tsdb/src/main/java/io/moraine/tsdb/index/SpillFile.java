package io.moraine.tsdb.index;

import io.moraine.core.encoding.Varint;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The writer's scratch file: series as provisional label-pair ids and raw chunk metas, written
 * while series arrive and read back once at close, when the final symbol and pair ordinals are
 * known. Keeps the writer's memory independent of the number of chunk metas.
 */
final class SpillFile implements Closeable {
  /** Same order as the index output buffer: few system calls, negligible memory. */
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path path;
  private final OutputStream out;
  private final ByteSink entry = new ByteSink(256);
  private boolean writing = true;

  SpillFile(Path path) throws IOException {
    this.path = path;
    this.out = new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES);
  }

  void append(int[] pairIds, int n, java.util.List<ChunkMeta> chunks) throws IOException {
    entry.reset();
    entry.putUvarint(n);
    for (int j = 0; j < n; j++) {
      entry.putUvarint(pairIds[j]);
    }
    entry.putUvarint(chunks.size());
    for (ChunkMeta m : chunks) {
      entry.putVarint(m.ref());
      entry.putVarint(m.mint());
      entry.putVarint(m.maxt());
    }
    out.write(entry.array(), 0, entry.length());
  }

  /** Ends writing and returns a reader over what was written. */
  Reader reader() throws IOException {
    if (writing) {
      out.close();
      writing = false;
    }
    return new Reader(new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES));
  }

  @Override
  public void close() throws IOException {
    try {
      if (writing) {
        out.close();
        writing = false;
      }
    } finally {
      Files.deleteIfExists(path);
    }
  }

  /** Sequential reader of spilled series; the fields hold the last entry read. */
  static final class Reader implements Closeable {
    private final InputStream in;
    int[] pairIds = new int[32];
    int labelCount;
    long[] refs = new long[4];
    long[] mints = new long[4];
    long[] maxts = new long[4];
    int chunkCount;

    Reader(InputStream in) {
      this.in = in;
    }

    void next() throws IOException {
      labelCount = (int) uvarint();
      if (pairIds.length < labelCount) {
        pairIds = new int[labelCount * 2];
      }
      for (int j = 0; j < labelCount; j++) {
        pairIds[j] = (int) uvarint();
      }
      chunkCount = (int) uvarint();
      if (refs.length < chunkCount) {
        refs = new long[chunkCount * 2];
        mints = new long[chunkCount * 2];
        maxts = new long[chunkCount * 2];
      }
      for (int k = 0; k < chunkCount; k++) {
        refs[k] = Varint.unzigzag(uvarint());
        mints[k] = Varint.unzigzag(uvarint());
        maxts[k] = Varint.unzigzag(uvarint());
      }
    }

    private long uvarint() throws IOException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("index writer spill file truncated");
        }
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new IOException("index writer spill file: bad varint");
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
