package io.moraine.tsdb;

import static io.moraine.tsdb.TsdbTestSupport.H;
import static io.moraine.tsdb.TsdbTestSupport.countSamples;
import static io.moraine.tsdb.TsdbTestSupport.dump;
import static io.moraine.tsdb.TsdbTestSupport.fill;
import static io.moraine.tsdb.TsdbTestSupport.metrics;
import static io.moraine.tsdb.TsdbTestSupport.open;
import static io.moraine.tsdb.TsdbTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.OutOfBoundsSampleException;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.tsdb.block.BlockMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbTest {
  @TempDir Path dir;

  @Test
  void samplesSurviveARestartThroughWalAndHeadChunks() {
    Map<String, List<String>> before;
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      fill(db, 20, 1_000, 10_000, 300); // more than two head chunks per series
      before = dump(db, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    assertThat(before).hasSize(20);
    assertThat(before.values().iterator().next()).hasSize(300);
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      assertThat(dump(db, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(before);
      // and appends continue where they stopped
      fill(db, 20, 1_000 + 300 * 10_000, 10_000, 1);
      assertThat(countSamples(db)).isEqualTo(20 * 301);
    }
  }

  @Test
  void headCompactionWritesBlocksAndKeepsEverySample() throws IOException {
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      fill(db, 10, 0, 60_000, 8 * 60); // 8 hours of 1-minute samples
      Map<String, List<String>> before = dump(db, Long.MIN_VALUE, Long.MAX_VALUE);
      db.compact();
      List<BlockMeta> blocks = db.blocks();
      assertThat(blocks).isNotEmpty();
      assertThat(db.head().minTime())
          .isGreaterThanOrEqualTo(blocks.get(blocks.size() - 1).maxTime());
      assertThat(dump(db, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(before);
      long s = 0;
      for (BlockMeta b : blocks) {
        s += b.stats().numSamples();
      }
      assertThat(s).isGreaterThan(0);
      // the head refuses samples for ranges now in blocks
      Appender a = db.appender();
      assertThatThrownBy(() -> a.append(Labels.of("__name__", "m", "s", "0"), 0, 1))
          .isInstanceOf(OutOfBoundsSampleException.class);
      a.rollback();
    }
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      assertThat(countSamples(db)).isEqualTo(10L * 8 * 60);
    }
  }

  @Test
  void blocksAreMergedIntoLargerRanges() throws IOException {
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      fill(db, 5, 0, 120_000, 30 * 12); // 12 hours
      Map<String, List<String>> before = dump(db, Long.MIN_VALUE, Long.MAX_VALUE);
      db.compact();
      List<BlockMeta> blocks = db.blocks();
      assertThat(blocks).anySatisfy(b -> assertThat(b.maxTime() - b.minTime()).isEqualTo(6 * H));
      assertThat(blocks).anySatisfy(b -> assertThat(b.compaction().level()).isGreaterThan(1));
      assertThat(dump(db, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(before);
      try (var files = Files.list(dir)) {
        long dirs = files.filter(p -> Files.isRegularFile(p.resolve("meta.json"))).count();
        assertThat(dirs).isEqualTo(blocks.size()); // sources deleted
      }
    }
  }

  @Test
  void aQuerierKeepsItsViewWhileCompactionReplacesBlocks() throws IOException {
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      fill(db, 5, 0, 120_000, 30 * 12);
      long expected = 5L * 30 * 12;
      try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        db.compact();
        SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq("__name__", "m"));
        long n = 0;
        SampleIterator it = null;
        while (set.next()) {
          it = set.at().iterator(it);
          while (it.next()) {
            n++;
          }
        }
        assertThat(n).isEqualTo(expected);
      }
      assertThat(countSamples(db)).isEqualTo(expected);
    }
  }

  @Test
  void timeRetentionCountsBackFromTheNewestSampleNotTheClock() throws IOException {
    TsdbOptions o = options().withRetention(6 * H, 0);
    MetricRegistry r = new MetricRegistry();
    try (Tsdb db = open(dir, o, r)) {
      fill(db, 3, 0, 300_000, 12 * 24); // 24 h of data from 1970: far older than "now"
      db.compact();
      db.applyRetention();
      long newest = db.maxTime();
      assertThat(newest).isGreaterThan(20 * H);
      assertThat(db.blocks()).isNotEmpty();
      for (BlockMeta b : db.blocks()) {
        assertThat(b.maxTime()).isGreaterThan(newest - 6 * H);
      }
      assertThat(metrics(r)).containsPattern("moraine_tsdb_retention_blocks_deleted_total [1-9]");
    }
  }

  @Test
  void sizeRetentionDeletesOldestBlocksFirst() throws IOException {
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      fill(db, 50, 0, 60_000, 60 * 12);
      db.compact();
      assertThat(db.blocks().size()).isGreaterThan(1);
    }
    long limit;
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      limit = db.sizeBytes() - 1;
    }
    try (Tsdb db = open(dir, options().withRetention(0, limit), new MetricRegistry())) {
      List<BlockMeta> before = db.blocks();
      db.applyRetention();
      List<BlockMeta> after = db.blocks();
      assertThat(after.size()).isLessThan(before.size());
      assertThat(after.get(after.size() - 1)).isEqualTo(before.get(before.size() - 1));
      assertThat(db.sizeBytes()).isLessThanOrEqualTo(limit);
    }
  }

  @Test
  void selfMetricsNameTheStoreFigures() {
    MetricRegistry r = new MetricRegistry();
    try (Tsdb db = open(dir, options(), r)) {
      fill(db, 3, 0, 1000, 5);
      Appender a = db.appender();
      try {
        a.append(Labels.of("__name__", "m", "s", "0"), 0, 1);
      } catch (RuntimeException expected) {
        // out of order
      }
      a.commit();
      String text = metrics(r);
      assertThat(text)
          .contains("moraine_tsdb_head_series 3")
          .contains("moraine_tsdb_head_samples_appended_total 15")
          .contains("moraine_tsdb_samples_rejected_total{reason=\"out_of_order\"} 1")
          .contains("moraine_tsdb_wal_size_bytes")
          .contains("moraine_tsdb_wal_fsync_duration_seconds")
          .contains("moraine_tsdb_wal_corruptions_total")
          .contains("moraine_tsdb_compactions_total")
          .contains("moraine_tsdb_blocks_loaded")
          .contains("moraine_tsdb_storage_bytes")
          .contains("moraine_tsdb_head_chunks");
    }
  }

  @Test
  void aTornWalTailIsCutCountedAndEverythingBeforeItKept() throws IOException {
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      fill(db, 10, 0, 1000, 50);
    }
    // a crash in the middle of a write leaves garbage after the last whole record
    Path wal = dir.resolve("wal");
    Path last;
    try (var files = Files.list(wal)) {
      last =
          files
              .filter(p -> p.getFileName().toString().matches("\\d{8}"))
              .sorted()
              .toList()
              .getLast();
    }
    Files.write(
        last,
        new byte[] {0, 0, 0, 42, 1, 2, 3, 4, 2, 9, 9},
        java.nio.file.StandardOpenOption.APPEND);
    MetricRegistry r = new MetricRegistry();
    try (Tsdb db = open(dir, options(), r)) {
      assertThat(countSamples(db)).isEqualTo(10 * 50);
      assertThat(metrics(r)).contains("moraine_tsdb_wal_corruptions_total 1");
      fill(db, 10, 50_000, 1000, 1); // and it takes appends again
      assertThat(countSamples(db)).isEqualTo(10 * 51);
    }
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      assertThat(countSamples(db)).isEqualTo(10 * 51);
    }
  }

  @Test
  void importedBlocksOverlappingTheStoreAreMergedWithoutLosingOrDoublingSamples()
      throws IOException {
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      fill(db, 3, 0, 60_000, 5 * 60); // 5 h: series s=0..2, values s + i
      db.compact();
    }
    // an import of the same hours: one series shared at other times, one new series
    try (io.moraine.tsdb.backfill.Backfill b =
        new io.moraine.tsdb.backfill.Backfill(dir, 2 * H, io.moraine.core.time.Clock.SYSTEM)) {
      b.series(0, Labels.of("__name__", "m", "s", "0"));
      b.series(1, Labels.of("__name__", "m", "s", "imported"));
      var f = b.feeder();
      for (int i = 0; i < 5 * 60; i++) {
        f.sample(0, i * 60_000L + 30_000, -1); // between the store's samples
        f.sample(0, i * 60_000L, 0 + i); // the same sample the store holds: kept once
        f.sample(1, i * 60_000L, 7);
      }
      b.finish();
    }
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      db.compact();
      List<BlockMeta> blocks = db.blocks();
      for (int i = 1; i < blocks.size(); i++) {
        assertThat(blocks.get(i).minTime()).isGreaterThanOrEqualTo(blocks.get(i - 1).maxTime());
      }
      Map<String, List<String>> all = dump(db, Long.MIN_VALUE, Long.MAX_VALUE);
      assertThat(all.get("m{s=\"0\"}")).hasSize(2 * 5 * 60);
      assertThat(all.get("m{s=\"1\"}")).hasSize(5 * 60);
      assertThat(all.get("m{s=\"imported\"}")).hasSize(5 * 60);
    }
  }

  @Test
  void aSecondProcessCannotOpenTheSameDirectory() {
    try (Tsdb db = open(dir, options(), new MetricRegistry())) {
      assertThatThrownBy(
              () ->
                  Tsdb.open(
                      dir, options(), io.moraine.core.time.Clock.SYSTEM, new MetricRegistry()))
          .hasMessageContaining("in use");
    }
  }
}
