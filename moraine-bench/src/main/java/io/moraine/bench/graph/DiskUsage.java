package io.moraine.bench.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bytes a directory takes on disk as {@code du} counts them (allocated blocks): TDB2's
 * memory-mapped files are sparse, so their apparent size (what {@code GraphStore.Stats.diskBytes}
 * sums) overstates what the disk holds.
 */
final class DiskUsage {
  private DiskUsage() {}

  /**
   * {@code du -s -B1 dir}.
   *
   * @throws IOException when du cannot run or fails
   */
  static long of(Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("du failed on " + dir + ": " + out);
    }
    return Long.parseLong(out.split("\\s+")[0]);
  }

  /** Deletes {@code dir} and everything under it (the figures' temporary stores). */
  static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
