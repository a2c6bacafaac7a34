package io.moraine.bench.logs;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads {@code entries.bin} (see {@link CorpusFiles}) entry by entry into reused fields. Not
 * thread-safe.
 */
final class EntryReader implements Closeable {
  private final DataInputStream in;
  private final Path path;

  int stream;
  long nanos;
  byte[] line = new byte[1 << 16];
  int length;

  EntryReader(Path path) throws IOException {
    this.path = path;
    in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 20));
    byte[] magic = new byte[CorpusFiles.MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, CorpusFiles.MAGIC)) {
      in.close();
      throw new IOException(path + ": not a corpus entries file (bad magic)");
    }
  }

  /** Reads the next entry; false at the end of the file. */
  boolean next() throws IOException {
    try {
      stream = in.readInt();
    } catch (EOFException e) {
      return false;
    }
    nanos = in.readLong();
    length = in.readInt();
    if (length < 0) {
      throw new IOException(path + ": negative line length " + length);
    }
    if (length > line.length) {
      line = new byte[Math.max(length, line.length * 2)];
    }
    in.readFully(line, 0, length);
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
