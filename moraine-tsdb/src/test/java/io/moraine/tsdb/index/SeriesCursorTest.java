package io.moraine.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-pass {@link SeriesCursor} of a block against per-id {@code labels}/{@code chunks}. */
class SeriesCursorTest {
  private static final int R = IndexFormat.SERIES_RESTART_INTERVAL;

  @TempDir Path dir = Path.of("unset");

  private TreeMap<Labels, List<ChunkMeta>> series = new TreeMap<>();
  private List<Labels> labels = List.of();
  private List<List<ChunkMeta>> chunks = List.of();

  @BeforeEach
  void write() throws Exception {
    series = TestSeries.random(11, 10 * R + 5);
    TestSeries.write(dir.resolve("index"), series);
    labels = new ArrayList<>(series.keySet());
    chunks = new ArrayList<>(series.values());
  }

  @Test
  void idsInOneGroup() throws Exception {
    assertReads(2 * R + 1, 2 * R + 2, 2 * R + 7, 3 * R - 2);
  }

  @Test
  void idsAcrossGroups() throws Exception {
    assertReads(R - 2, R - 1, R, R + 1, 3 * R + 4, 5 * R + 9, 9 * R);
  }

  @Test
  void firstAndLastIdsOfGroups() throws Exception {
    assertReads(0, R - 1, R, 2 * R - 1, 4 * R, 5 * R - 1, 10 * R, 10 * R + 4);
  }

  @Test
  void singleIds() throws Exception {
    for (int id : new int[] {0, 1, R - 1, R, 3 * R + 5, series.size() - 1}) {
      assertReads(id);
    }
  }

  @Test
  void everyIdAndNonContiguousIds() throws Exception {
    int[] all = new int[series.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    assertReads(all);
    assertReads(1, 3, 5, 8, 13, 21, 34, 55, 89, 144);
  }

  @Test
  void randomBlocksAgreeWithPerIdReads() throws Exception {
    for (long seed = 1; seed <= 6; seed++) {
      Path file = dir.resolve("index-" + seed);
      TreeMap<Labels, List<ChunkMeta>> s = TestSeries.random(seed, 40 + 97 * (int) seed);
      TestSeries.write(file, s);
      SplittableRandom r = new SplittableRandom(seed);
      try (BlockIndexReader ix = BlockIndexReader.open(file)) {
        for (int round = 0; round < 20; round++) {
          SeriesCursor c = ix.seriesCursor();
          ChunkMetas got = new ChunkMetas(1);
          ChunkMetas want = new ChunkMetas(1);
          int p = r.nextInt(1, 40); // sparse to dense selections
          for (int id = r.nextInt(R); id < s.size(); id += r.nextInt(1, p + 1)) {
            boolean withChunks = r.nextInt(4) > 0;
            assertThat(c.next(id, withChunks ? got : null)).isEqualTo(ix.labels(id));
            if (withChunks) {
              ix.chunks(id, want);
              assertThat(got.toList()).isEqualTo(want.toList());
            }
          }
        }
      }
    }
  }

  @Test
  void refusesIdsOutOfRangeOrNotAscendingAndStaysUsable() throws Exception {
    try (BlockIndexReader ix = BlockIndexReader.open(dir.resolve("index"))) {
      SeriesCursor c = ix.seriesCursor();
      ChunkMetas got = new ChunkMetas();
      assertThat(c.next(R + 3, got)).isEqualTo(labels.get(R + 3));
      assertThatThrownBy(() -> c.next(R + 3, got)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> c.next(2, got)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> c.next(series.size(), got))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(c.next(R + 4, got)).isEqualTo(labels.get(R + 4));
      assertThat(got.toList()).isEqualTo(chunks.get(R + 4));
    }
  }

  @Test
  void defaultCursorReadsThroughLabelsAndChunks() {
    MemIndex ix = new MemIndex(series);
    SeriesCursor c = ix.seriesCursor();
    ChunkMetas got = new ChunkMetas();
    assertThat(c.next(3, got)).isEqualTo(labels.get(3));
    assertThat(got.toList()).isEqualTo(chunks.get(3));
    assertThat(c.next(R + 1, null)).isEqualTo(labels.get(R + 1));
    assertThatThrownBy(() -> c.next(R + 1, got)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Reads {@code ids} with one cursor, with and without chunks, against the written series. */
  private void assertReads(int... ids) throws Exception {
    try (BlockIndexReader ix = BlockIndexReader.open(dir.resolve("index"))) {
      SeriesCursor withChunks = ix.seriesCursor();
      SeriesCursor labelsOnly = ix.seriesCursor();
      ChunkMetas got = new ChunkMetas(1);
      for (int id : ids) {
        got.add(1, 2, 3); // must be cleared
        assertThat(withChunks.next(id, got)).as("labels of %d", id).isEqualTo(labels.get(id));
        assertThat(got.toList()).as("chunks of %d", id).isEqualTo(chunks.get(id));
        assertThat(labelsOnly.next(id, null)).isEqualTo(labels.get(id));
      }
    }
  }
}
