package io.moraine.tsdb.wal;

import io.moraine.core.encoding.CorruptionException;
import io.moraine.core.encoding.FormatHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Segment naming, listing and the constants of the segment format (see wal.md). */
final class Segments {
  /** "MWAL". */
  static final int MAGIC = 0x4D57414C;

  static final int VERSION = 1;
  static final String FORMAT_NAME = "WAL segment";

  /** Frame header: u32 length, u32 CRC32C. */
  static final int FRAME_HEADER_BYTES = 8;

  static final int HEADER_BYTES = FormatHeader.SIZE;

  private Segments() {}

  static String name(int segment) {
    return String.format("%08d", segment);
  }

  static Path path(Path dir, int segment) {
    return dir.resolve(name(segment));
  }

  /** The segment number of a file name of exactly 8 digits, or -1. */
  static int parse(String fileName) {
    if (fileName.length() != 8) {
      return -1;
    }
    for (int i = 0; i < 8; i++) {
      char c = fileName.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Integer.parseInt(fileName);
  }

  /** Segment numbers in {@code dir}, ascending (gaps included as they are). */
  static int[] list(Path dir) throws IOException {
    List<Integer> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        int n = parse(p.getFileName().toString());
        if (n >= 0 && Files.isRegularFile(p)) {
          found.add(n);
        }
      }
    }
    int[] out = new int[found.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = found.get(i);
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * The files of segments {@code >= from} in {@code dir}, in order.
   *
   * @throws CorruptionException if the numbers have a gap, or start after {@code from} when {@code
   *     strictStart} is set
   */
  static List<Path> files(Path dir, int from, boolean strictStart) throws IOException {
    List<Path> out = new ArrayList<>();
    int expected = -1;
    for (int n : list(dir)) {
      if (n < from) {
        continue;
      }
      if (expected < 0 && strictStart && n != from) {
        expected = from;
      }
      if (expected >= 0 && n != expected) {
        throw new CorruptionException(
            path(dir, expected), 0, "WAL segment " + name(expected) + " is missing");
      }
      out.add(path(dir, n));
      expected = n + 1;
    }
    return out;
  }

  static ByteBuffer header() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    FormatHeader.write(b, MAGIC, VERSION);
    return b.flip();
  }

  /** Makes a directory's entries (created, renamed, deleted files) durable. */
  static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
