package io.moraine.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSizeTest {
  /** The farm's 50 targets x 2,000 series, one chunk each; Prometheus needs about 110 B/series. */
  @Test
  void farmIndexStaysUnder55BytesPerSeries(@TempDir Path dir) throws Exception {
    TreeMap<Labels, List<ChunkMeta>> series = TestSeries.farm(50, 2000);
    Path file = dir.resolve("index");
    long t0 = System.nanoTime();
    TestSeries.write(file, series);
    long t1 = System.nanoTime();
    long size = Files.size(file);
    double perSeries = (double) size / series.size();
    printSections(file, series.size());
    try (BlockIndexReader r = BlockIndexReader.open(file)) {
      long t2 = System.nanoTime();
      assertThat(r.numSeries()).isEqualTo(series.size());
      ChunkMetas chunks = new ChunkMetas();
      long t3 = System.nanoTime();
      long sum = 0;
      for (int id = 0; id < r.numSeries(); id++) {
        sum += r.series(id, chunks).size() + chunks.size();
      }
      long t4 = System.nanoTime();
      assertThat(sum).isGreaterThan(series.size());
      System.out.printf(
          "series(id, chunks) per series: %d ns%n", (t4 - t3) / Math.max(1, r.numSeries()));
      System.out.printf(
          "index: %d series, %d bytes, %.1f B/series, write %d ms, open %d ms%n",
          series.size(), size, perSeries, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
    assertThat(perSeries).isLessThanOrEqualTo(55.0);
  }

  private static void printSections(Path file, int n) throws Exception {
    try (Arena arena = Arena.ofConfined();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      IndexSections s =
          IndexSections.verify(file, ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena));
      StringBuilder sb = new StringBuilder("sections (B/series):");
      for (int i = 0; i < IndexFormat.SECTION_COUNT; i++) {
        sb.append(
            String.format(" %s=%.2f", IndexFormat.SECTION_NAMES[i], (double) s.length(i) / n));
      }
      System.out.println(sb);
    }
  }
}
