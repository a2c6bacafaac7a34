package io.moraine.tsdb.chunkfile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Naming, listing and syncing of the numbered segment files of a chunk directory. */
final class SegmentFiles {
  private SegmentFiles() {}

  /** {@code 000001} for segment 1: six digits, so names sort by number. */
  static String name(int index) {
    return String.format("%06d", index);
  }

  /** The segment numbers in {@code dir}, ascending; other files are ignored. */
  static List<Integer> list(Path dir) throws IOException {
    List<Integer> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String n = p.getFileName().toString();
        if (n.length() == 6 && n.chars().allMatch(c -> c >= '0' && c <= '9')) {
          int index = Integer.parseInt(n);
          if (index > 0) {
            out.add(index);
          }
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Makes the directory's entries (created, renamed, deleted files) durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    }
  }
}
