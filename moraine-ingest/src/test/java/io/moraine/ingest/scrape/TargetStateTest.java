package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.storage.UnknownSeriesRefException;
import io.moraine.testkit.storage.ReferenceStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What scrapes leave in the store: merged labels, limits, staleness and the report series. */
class TargetStateTest {
  private static final Labels TARGET = Labels.of("job", "node", "instance", "a:9100");
  private static final Function<Labels, @Nullable Labels> KEEP = l -> l;
  private final ReferenceStorage db = new ReferenceStorage();

  /** One batch per target state, as a scrape loop keeps it: ids stay the same across scrapes. */
  private final ScrapeBatch batch = new ScrapeBatch();

  private record S(Labels labels, long t, double v) {}

  private static S s(double v, String... labels) {
    return new S(Labels.of(labels), ScrapeBatch.NO_TIMESTAMP, v);
  }

  private TargetState.Report store(
      TargetState st, long t, List<S> samples, double seconds, @Nullable String error) {
    batch.clear();
    for (S s : samples) {
      batch.add(s.labels(), s.t(), s.v());
    }
    return st.store(db, t, batch, seconds, error);
  }

  /** (t, v) pairs of the one series matching {@code name} and {@code extra}. */
  private List<double[]> points(String name, Matcher... extra) {
    List<Matcher> ms = new ArrayList<>(List.of(extra));
    ms.add(Matcher.eq("__name__", name));
    List<double[]> out = new ArrayList<>();
    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, SelectHints.NONE, ms.toArray(new Matcher[0]));
      while (set.next()) {
        SampleIterator it = set.at().iterator(null);
        while (it.next()) {
          out.add(new double[] {it.atT(), it.atV()});
        }
      }
    }
    return out;
  }

  @Test
  void targetLabelsWinAndClashingExposedOnesAreExported() {
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, KEEP);
    store(st, 1000, List.of(s(1, "__name__", "m", "job", "app")), 0.01, null);
    try (Querier q = db.querier(0, 2000)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq("__name__", "m"));
      assertThat(set.next()).isTrue();
      assertThat(set.at().labels())
          .isEqualTo(
              Labels.of(
                  "__name__", "m", "job", "node", "exported_job", "app", "instance", "a:9100"));
    }
  }

  @Test
  void honorLabelsKeepsExposedValues() {
    ScrapeOptions honor = new ScrapeOptions(true, true, 0, 0, 0, 0);
    TargetState st = new TargetState(TARGET, honor, KEEP);
    store(st, 1000, List.of(s(1, "__name__", "m", "job", "app")), 0.01, null);
    assertThat(points("m", Matcher.eq("job", "app"), Matcher.eq("instance", "a:9100"))).hasSize(1);
  }

  @Test
  void aSeriesThatDisappearsGetsAStalenessMarkerOnce() {
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, KEEP);
    store(st, 1000, List.of(s(1, "__name__", "a"), s(2, "__name__", "b")), 0.01, null);
    TargetState.Report r = store(st, 2000, List.of(s(1, "__name__", "a")), 0.01, null);
    store(st, 3000, List.of(s(1, "__name__", "a")), 0.01, null);
    List<double[]> b = points("b");
    assertThat(b).hasSize(2);
    assertThat(b.get(1)[0]).isEqualTo(2000);
    assertThat(StaleNaN.isStale(b.get(1)[1])).isTrue();
    assertThat(r.scraped()).isEqualTo(1);
    assertThat(r.seriesAdded()).isZero();
  }

  @Test
  void theReportSeriesDescribeEachScrape() {
    TargetState st =
        new TargetState(
            TARGET, ScrapeOptions.DEFAULT, l -> l.getOrEmpty("__name__").equals("drop") ? null : l);
    store(st, 1000, List.of(s(1, "__name__", "a"), s(1, "__name__", "drop")), 0.25, null);
    assertThat(points("up", Matcher.eq("job", "node")).get(0)[1]).isEqualTo(1);
    assertThat(points("scrape_duration_seconds").get(0)[1]).isEqualTo(0.25);
    assertThat(points("scrape_samples_scraped").get(0)[1]).isEqualTo(2);
    assertThat(points("scrape_samples_post_metric_relabeling").get(0)[1]).isEqualTo(1);
    assertThat(points("scrape_series_added").get(0)[1]).isEqualTo(1);
    assertThat(points("drop")).isEmpty();
  }

  @Test
  void aFailedScrapeReportsDownAndMarksEverythingStale() {
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, KEEP);
    store(st, 1000, List.of(s(1, "__name__", "a")), 0.01, null);
    TargetState.Report r = store(st, 2000, List.of(), 0.5, "context deadline exceeded");
    assertThat(r.error()).isEqualTo("context deadline exceeded");
    assertThat(points("up").get(1)[1]).isZero();
    assertThat(StaleNaN.isStale(points("a").get(1)[1])).isTrue();
  }

  @Test
  void aScrapeOverTheSampleLimitStoresOnlyItsReport() {
    ScrapeOptions limited = new ScrapeOptions(false, true, 1, 0, 0, 0);
    TargetState st = new TargetState(TARGET, limited, KEEP);
    TargetState.Report r =
        store(st, 1000, List.of(s(1, "__name__", "a"), s(2, "__name__", "b")), 0.01, null);
    assertThat(r.error()).isEqualTo("sample limit exceeded");
    assertThat(points("a")).isEmpty();
    assertThat(points("up").get(0)[1]).isZero();
  }

  @Test
  void labelLimitsNameTheMetric() {
    ScrapeOptions limited = new ScrapeOptions(false, true, 0, 3, 0, 0);
    TargetState st = new TargetState(TARGET, limited, KEEP);
    TargetState.Report r = store(st, 1000, List.of(s(1, "__name__", "a", "x", "1")), 0.01, null);
    assertThat(r.error())
        .isEqualTo("label_limit exceeded (metric: a, number of labels: 4, limit: 3)");
  }

  @Test
  void honoredTimestampsAreKeptAndNotMarkedStale() {
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, KEEP);
    store(st, 5000, List.of(new S(Labels.of("__name__", "t"), 4000, 7)), 0.01, null);
    store(st, 6000, List.of(), 0.01, null);
    List<double[]> t = points("t");
    assertThat(t).hasSize(1);
    assertThat(t.get(0)[0]).isEqualTo(4000);
  }

  @Test
  void aVanishedTargetMarksItsReportStale() {
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, KEEP);
    store(st, 1000, List.of(s(1, "__name__", "a")), 0.01, null);
    st.markStale(db, 2000, batch);
    assertThat(StaleNaN.isStale(points("up").get(1)[1])).isTrue();
    assertThat(StaleNaN.isStale(points("a").get(1)[1])).isTrue();
  }

  @Test
  void aRefTheStoreForgotFallsBackToTheLabels() {
    Appendable forgetful =
        () -> {
          Appender real = db.appender();
          return new Appender() {
            @Override
            public long append(Labels labels, long t, double v) {
              return real.append(labels, t, v);
            }

            @Override
            public long append(long ref, long t, double v) {
              throw new UnknownSeriesRefException("unknown series ref " + ref);
            }

            @Override
            public void commit() {
              real.commit();
            }

            @Override
            public void rollback() {
              real.rollback();
            }
          };
        };
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, KEEP);
    for (int i = 1; i <= 3; i++) {
      batch.clear();
      batch.add(Labels.of("__name__", "a"), ScrapeBatch.NO_TIMESTAMP, i);
      st.store(forgetful, i * 1000L, batch, 0.01, null);
    }
    batch.clear();
    st.store(forgetful, 4000, batch, 0.01, null);
    assertThat(points("a")).extracting(p -> p[0]).containsExactly(1000.0, 2000.0, 3000.0, 4000.0);
    assertThat(StaleNaN.isStale(points("a").get(3)[1])).isTrue();
    assertThat(points("up")).hasSize(4);
  }

  @Test
  void twoExposedSeriesRelabeledIntoOneAreNotMarkedStaleWhileOneRemains() {
    Function<Labels, @Nullable Labels> dropX = l -> l.toBuilder().remove("x").build();
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, dropX);
    store(st, 1000, List.of(s(1, "__name__", "a", "x", "1")), 0.01, null);
    store(st, 2000, List.of(s(2, "__name__", "a", "x", "2")), 0.01, null);
    store(st, 3000, List.of(s(3, "__name__", "a", "x", "2")), 0.01, null);
    assertThat(points("a")).extracting(p -> p[1]).containsExactly(1.0, 2.0, 3.0);
  }

  @Test
  void aRejectedSampleIsSkippedAndTheRestStored() {
    TargetState st = new TargetState(TARGET, ScrapeOptions.DEFAULT, KEEP);
    TargetState.Report r =
        store(
            st,
            1000,
            List.of(s(1, "__name__", "a"), s(2, "__name__", "a"), s(3, "__name__", "b")),
            0.01,
            null);
    assertThat(points("a")).extracting(p -> p[1]).containsExactly(1.0);
    assertThat(points("b")).extracting(p -> p[1]).containsExactly(3.0);
    assertThat(r.seriesAdded()).isEqualTo(2);
  }
}
