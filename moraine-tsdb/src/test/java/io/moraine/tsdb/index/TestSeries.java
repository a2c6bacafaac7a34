package io.moraine.tsdb.index;

import io.moraine.core.labels.Labels;
import io.moraine.testkit.data.SeriesGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Series fixtures for index tests: sorted label sets with chunk metas. */
final class TestSeries {
  private TestSeries() {}

  /** Farm-shaped series, sorted, with one 2h chunk each and refs as a chunk writer would make. */
  static TreeMap<Labels, List<ChunkMeta>> farm(int targets, int perTarget) {
    TreeMap<Labels, List<ChunkMeta>> out = new TreeMap<>();
    for (Labels l : new SeriesGenerator(42, "farm").series(targets, perTarget)) {
      out.put(l, List.of());
    }
    long ref = 8;
    long mint = 1_700_000_000_000L;
    SplittableRandom r = new SplittableRandom(7);
    for (Map.Entry<Labels, List<ChunkMeta>> e : out.entrySet()) {
      long first = mint + r.nextInt(10_000);
      e.setValue(List.of(new ChunkMeta(ref, first, mint + 7_190_000 + r.nextInt(10_000))));
      ref += 60 + r.nextInt(200);
    }
    return out;
  }

  /** Random label sets over small alphabets, with 0-4 random chunks each. */
  static TreeMap<Labels, List<ChunkMeta>> random(long seed, int count) {
    SplittableRandom r = new SplittableRandom(seed);
    TreeMap<Labels, List<ChunkMeta>> out = new TreeMap<>();
    String[] names = {"__name__", "a", "b", "c", "job", "le", "z\u00e9", "\ud83d\ude00"};
    while (out.size() < count) {
      Labels.Builder b = Labels.builder();
      for (String n : names) {
        if (r.nextInt(3) > 0) {
          b.add(n, value(r));
        }
      }
      Labels l = b.build();
      if (l.isEmpty()) {
        continue;
      }
      List<ChunkMeta> chunks = new ArrayList<>();
      long t = r.nextLong(-1_000_000, 1L << 42);
      for (int k = r.nextInt(5); k > 0; k--) {
        long maxt = t + r.nextInt(1_000_000);
        chunks.add(new ChunkMeta(r.nextLong(0, Long.MAX_VALUE), t, maxt));
        t = maxt + r.nextInt(-100, 100_000);
      }
      chunks.sort((x, y) -> Long.compare(x.mint(), y.mint()));
      out.put(l, chunks);
    }
    return out;
  }

  private static String value(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> "v" + r.nextInt(5);
      case 1 -> "pre" + r.nextInt(30);
      case 2 -> "pre-" + Integer.toHexString(r.nextInt(1 << 12));
      case 3 -> "x" + "\u00e9\u4e16".repeat(r.nextInt(3));
      case 4 -> "" + (char) ('a' + r.nextInt(26));
      default -> "long/" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
    };
  }

  static void write(Path file, TreeMap<Labels, List<ChunkMeta>> series) throws IOException {
    try (IndexWriter w = new IndexWriter(file)) {
      for (Map.Entry<Labels, List<ChunkMeta>> e : series.entrySet()) {
        w.addSeries(e.getKey(), e.getValue());
      }
    }
  }
}
