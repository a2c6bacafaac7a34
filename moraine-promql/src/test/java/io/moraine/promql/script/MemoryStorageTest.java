package io.moraine.promql.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.Series;
import io.moraine.core.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link MemoryStorage} adds to the shared contracts: write rules, order, snapshots. */
class MemoryStorageTest {
  private static final Labels A = Labels.of("__name__", "m", "i", "a");
  private static final Labels B = Labels.of("__name__", "m", "i", "b");
  private static final Labels C = Labels.of("__name__", "m", "i", "c");

  private final MemoryStorage db = new MemoryStorage();

  /** "t=v" for every sample of every selected series, one string per series. */
  private static List<String> dump(Querier q, boolean sorted, Matcher... ms) {
    List<String> out = new ArrayList<>();
    SeriesSet set = q.select(sorted, SelectHints.NONE, ms);
    SampleIterator it = null;
    while (set.next()) {
      Series s = set.at();
      it = s.iterator(it);
      StringBuilder sb = new StringBuilder(s.labels().get("i") + ":");
      while (it.next()) {
        sb.append(' ').append(it.atT()).append('=').append(it.atV());
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void samplesAddedInAnyOrderComeBackAscendingAndLastWriteWins() {
    db.add(A, 30, 3);
    db.add(A, 10, 1);
    db.add(A, 20, 2);
    db.add(A, 10, 11);
    try (Querier q = db.querier(0, 100)) {
      assertThat(dump(q, true, Matcher.eq("i", "a"))).containsExactly("a: 10=11.0 20=2.0 30=3.0");
    }
  }

  @Test
  void staleMarkersAndNaNsAreKeptBitExact() {
    double otherNaN = Double.longBitsToDouble(0x7ff8000000000001L);
    db.add(A, 1, StaleNaN.VALUE);
    db.add(A, 2, otherNaN);
    try (Querier q = db.querier(0, 10)) {
      SeriesSet set = q.select(false, SelectHints.NONE, Matcher.eq("i", "a"));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator(null);
      assertThat(it.next()).isTrue();
      assertThat(StaleNaN.isStale(it.atV())).isTrue();
      assertThat(it.next()).isTrue();
      assertThat(Double.doubleToRawLongBits(it.atV())).isEqualTo(0x7ff8000000000001L);
    }
  }

  @Test
  void unsortedSelectsKeepInsertionOrderAndSortedOnesLabelOrder() {
    db.add(C, 1, 1);
    db.add(A, 1, 1);
    db.add(B, 1, 1);
    try (Querier q = db.querier(0, 10)) {
      assertThat(dump(q, false, Matcher.eq("__name__", "m")))
          .containsExactly("c: 1=1.0", "a: 1=1.0", "b: 1=1.0");
      assertThat(dump(q, true, Matcher.eq("__name__", "m")))
          .containsExactly("a: 1=1.0", "b: 1=1.0", "c: 1=1.0");
    }
  }

  @Test
  void theQuerierRangeIsInclusiveAndHidesSeriesWithoutSamplesInIt() {
    for (long t = 0; t <= 100; t += 10) {
      db.add(A, t, t);
    }
    db.add(B, 200, 1);
    try (Querier q = db.querier(10, 30)) {
      assertThat(dump(q, true, Matcher.eq("__name__", "m")))
          .containsExactly("a: 10=10.0 20=20.0 30=30.0");
      assertThat(q.labelValues("i")).containsExactly("a");
    }
  }

  @Test
  void aQuerierKeepsItsViewWhileTheStoreChanges() {
    db.add(A, 10, 1);
    try (Querier q = db.querier(0, 100)) {
      db.add(A, 20, 2);
      db.add(A, 10, 5);
      db.add(B, 10, 1);
      db.clear();
      assertThat(dump(q, true, Matcher.re("i", ".+"))).containsExactly("a: 10=1.0");
    }
    try (Querier q = db.querier(0, 100)) {
      assertThat(dump(q, true, Matcher.re("i", ".+"))).isEmpty();
    }
    assertThat(db.seriesCount()).isZero();
  }

  @Test
  void allFourMatcherTypes() {
    db.add(A, 1, 1);
    db.add(B, 1, 1);
    db.add(C, 1, 1);
    db.add(Labels.of("__name__", "m"), 1, 1);
    try (Querier q = db.querier(0, 10)) {
      assertThat(dump(q, true, Matcher.eq("i", "b"))).containsExactly("b: 1=1.0");
      assertThat(dump(q, true, Matcher.eq("__name__", "m"), Matcher.neq("i", "b")))
          .containsExactly("null: 1=1.0", "a: 1=1.0", "c: 1=1.0");
      assertThat(dump(q, true, Matcher.re("i", "a|c"))).containsExactly("a: 1=1.0", "c: 1=1.0");
      assertThat(dump(q, true, Matcher.eq("__name__", "m"), Matcher.nre("i", "[ab]")))
          .containsExactly("null: 1=1.0", "c: 1=1.0");
      assertThatThrownBy(() -> q.select(true, SelectHints.NONE, Matcher.nre("i", "a")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void misuseIsRejected() {
    assertThatThrownBy(() -> db.querier(10, 9)).isInstanceOf(IllegalArgumentException.class);
    Querier q = db.querier(0, 1);
    q.close();
    assertThatThrownBy(() -> q.labelNames()).isInstanceOf(IllegalStateException.class);
  }
}
