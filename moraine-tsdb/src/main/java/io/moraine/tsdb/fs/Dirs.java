package io.moraine.tsdb.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Directory trees: their size, and deleting them. */
public final class Dirs {
  private static final Logger LOG = LoggerFactory.getLogger(Dirs.class);

  private Dirs() {}

  /** Bytes in the regular files under {@code dir}; 0 when it does not exist. */
  public static long sizeBytes(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      long total = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        try {
          total += Files.size(p);
        } catch (NoSuchFileException gone) {
          // deleted while we walked (truncation, retention): it no longer counts
        }
      }
      return total;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree, logging instead of failing (a leftover is retried on start). */
  public static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      LOG.atWarn()
          .addKeyValue("dir", dir)
          .addKeyValue("err", e.toString())
          .log("cannot delete directory");
    }
  }
}
