package io.moraine.server.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.TsdbOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real importer end to end: file in, blocks out, read back through the store. */
class TsdbOpenMetricsImporterTest {
  @TempDir Path dir;

  private final TsdbOpenMetricsImporter importer = new TsdbOpenMetricsImporter();

  @Test
  void importsSamplesIntoBlocksKeepingNanAndInfinitiesBitExact() throws Exception {
    Path file = dir.resolve("in.om.txt");
    Files.writeString(
        file,
        """
        # TYPE temp gauge
        temp{room="a"} 21.5 1700000000
        temp{room="a"} NaN 1700000010
        temp{room="a"} +Inf 1700000020
        temp{room="a"} -Inf 1700000030
        temp{room="b"} 19 1700000000.5
        temp{room="b"} 20 1700010000
        # EOF
        """);
    Path data = dir.resolve("data");
    ImportResult r = importer.run(file, data, ProgressListener.NONE);
    assertThat(r.samples()).isEqualTo(6);
    assertThat(r.series()).isEqualTo(2);
    assertThat(r.blocks()).isEqualTo(2); // 1700000000 and 1700010000 fall in different 2 h ranges

    try (Tsdb db = Tsdb.open(data, TsdbOptions.DEFAULT, Clock.SYSTEM, new MetricRegistry());
        Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      List<String> a = samples(q, "a");
      assertThat(a)
          .containsExactly(
              "1700000000000=21.5",
              "1700000010000=7ff8000000000001", // Go's math.NaN(), as Prometheus parses "NaN"
              "1700000020000=Infinity",
              "1700000030000=-Infinity");
      assertThat(samples(q, "b")).containsExactly("1700000000500=19.0", "1700010000000=20.0");
    }
  }

  @Test
  void aBadLineStopsTheImportNamingItAndLeavesTheDataDirectoryAlone() throws Exception {
    Path data = dir.resolve("data");
    Path good = dir.resolve("good.om.txt");
    Files.writeString(good, "up 1 1700000000\n# EOF\n");
    importer.run(good, data, ProgressListener.NONE);
    List<String> before = listing(data);

    Path bad = dir.resolve("bad.om.txt");
    Files.writeString(bad, "up 1 1700000100\nup{job=\"x\" 2 1700000200\n# EOF\n");
    assertThatThrownBy(() -> importer.run(bad, data, ProgressListener.NONE))
        .isInstanceOfSatisfying(
            ImportException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isNotBlank();
            });
    assertThat(listing(data)).isEqualTo(before);
  }

  @Test
  void noStalenessMarkersAreInvented() throws Exception {
    Path file = dir.resolve("gap.om.txt");
    // a series that stops and a long gap: promtool writes no staleness markers, nor do we
    Files.writeString(file, "m 1 1700000000\nm 2 1700000600\nn 1 1700000000\n# EOF\n");
    Path data = dir.resolve("data");
    importer.run(file, data, ProgressListener.NONE);
    try (Tsdb db = Tsdb.open(data, TsdbOptions.DEFAULT, Clock.SYSTEM, new MetricRegistry());
        Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.re("__name__", ".+"));
      int n = 0;
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next()) {
          assertThat(StaleNaN.isStale(it.atV())).isFalse();
          n++;
        }
      }
      assertThat(n).isEqualTo(3);
    }
  }

  private static List<String> samples(Querier q, String room) {
    SeriesSet set =
        q.select(true, SelectHints.NONE, Matcher.eq("__name__", "temp"), Matcher.eq("room", room));
    List<String> out = new ArrayList<>();
    while (set.next()) {
      SampleIterator it = set.at().iterator(null);
      while (it.next()) {
        double v = it.atV();
        out.add(
            it.atT()
                + "="
                + (Double.isNaN(v) ? Long.toHexString(Double.doubleToRawLongBits(v)) : v));
      }
    }
    return out;
  }

  private static List<String> listing(Path data) throws IOException {
    try (Stream<Path> s = Files.walk(data)) {
      return s.map(p -> data.relativize(p) + ":" + size(p)).sorted().toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.size(p) : -1;
    } catch (IOException e) {
      return -2;
    }
  }
}
