package io.moraine.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class IndexRoundTripTest {
  @TempDir Path dir = Path.of("unset");

  @Test
  void randomSeriesRoundTrip() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      assertRoundTrip(TestSeries.random(seed, 300 * (int) seed));
    }
  }

  @Test
  void farmSeriesRoundTrip() throws Exception {
    assertRoundTrip(TestSeries.farm(4, 2000));
  }

  @Test
  void emptyIndex() throws Exception {
    TreeMap<Labels, List<ChunkMeta>> none = new TreeMap<>();
    assertRoundTrip(none);
    try (BlockIndexReader r = BlockIndexReader.open(dir.resolve("index"))) {
      assertThat(r.labelNames()).isEmpty();
      assertThat(r.allPostings().isEmpty()).isTrue();
      assertThatThrownBy(() -> r.labels(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void unknownNamesAndValuesAreEmpty() throws Exception {
    TreeMap<Labels, List<ChunkMeta>> s = TestSeries.random(9, 50);
    TestSeries.write(dir.resolve("index"), s);
    try (BlockIndexReader r = BlockIndexReader.open(dir.resolve("index"))) {
      assertThat(r.labelValues("nope")).isEmpty();
      assertThat(r.postings("nope", "v0").isEmpty()).isTrue();
      assertThat(r.postings("a", "no-such-value").isEmpty()).isTrue();
      assertThat(r.postings("a", "").isEmpty()).isTrue();
      assertThatThrownBy(() -> r.labels(-1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> r.chunks(50, new ChunkMetas()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void writerRefusesOutOfOrderAndDuplicateSeries() throws Exception {
    Path file = dir.resolve("index");
    try (IndexWriter w = new IndexWriter(file)) {
      w.addSeries(Labels.of("a", "2"), List.of());
      assertThatThrownBy(() -> w.addSeries(Labels.of("a", "1"), List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("BUG: ");
      assertThatThrownBy(() -> w.addSeries(Labels.of("a", "2"), List.of()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () ->
                  w.addSeries(
                      Labels.of("a", "3"),
                      List.of(new ChunkMeta(1, 100, 200), new ChunkMeta(2, 50, 60))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> w.addSeries(Labels.EMPTY, List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(w.numSeries()).isEqualTo(1);
    }
    try (BlockIndexReader r = BlockIndexReader.open(file)) {
      assertThat(r.numSeries()).isEqualTo(1);
      assertThat(r.labels(0)).isEqualTo(Labels.of("a", "2"));
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("index");
  }

  @Test
  void abortLeavesNothing() throws Exception {
    try (IndexWriter w = new IndexWriter(dir.resolve("index"))) {
      w.addSeries(Labels.of("a", "1"), List.of(new ChunkMeta(1, 2, 3)));
      w.abort();
    }
    assertThat(Files.list(dir)).isEmpty();
  }

  @Test
  void concurrentReadersSeeTheSameSeries() throws Exception {
    TreeMap<Labels, List<ChunkMeta>> s = TestSeries.random(3, 2000);
    TestSeries.write(dir.resolve("index"), s);
    List<Labels> expected = new ArrayList<>(s.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (BlockIndexReader r = BlockIndexReader.open(dir.resolve("index"))) {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int start = t;
        fs.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int id = start; id < expected.size(); id += 3) {
                    ok += r.labels(id).equals(expected.get(id)) ? 1 : 0;
                  }
                  return ok;
                }));
      }
      for (int t = 0; t < 4; t++) {
        assertThat(fs.get(t).get()).isEqualTo((expected.size() - t + 2) / 3);
      }
    } finally {
      pool.shutdown();
    }
  }

  private void assertRoundTrip(TreeMap<Labels, List<ChunkMeta>> series) throws Exception {
    Path file = dir.resolve("index");
    Files.deleteIfExists(file);
    TestSeries.write(file, series);
    MemIndex ref = new MemIndex(series);
    try (BlockIndexReader r = BlockIndexReader.open(file)) {
      assertThat(r.numSeries()).isEqualTo(series.size());
      assertThat(r.sortedIds()).isTrue();
      assertThat(r.labelNames()).isEqualTo(ref.labelNames());
      ChunkMetas got = new ChunkMetas(1);
      int id = 0;
      for (var e : series.entrySet()) {
        assertThat(r.labels(id)).isEqualTo(e.getKey());
        assertThat(r.chunks(id, got)).isEqualTo(e.getValue().size());
        assertThat(got.toList()).isEqualTo(e.getValue());
        got.add(1, 2, 3);
        assertThat(r.series(id, got)).isEqualTo(e.getKey());
        assertThat(got.toList()).isEqualTo(e.getValue());
        id++;
      }
      RoaringBitmap union = new RoaringBitmap();
      for (String name : ref.labelNames()) {
        assertThat(r.labelValues(name)).isEqualTo(ref.labelValues(name));
        for (String value : ref.labelValues(name)) {
          RoaringBitmap p = r.postings(name, value);
          assertThat(p).isEqualTo(ref.postings(name, value));
          union.or(p);
        }
      }
      assertThat(r.allPostings()).isEqualTo(ref.allPostings());
      assertThat(union).isEqualTo(ref.allPostings());
    }
  }
}
