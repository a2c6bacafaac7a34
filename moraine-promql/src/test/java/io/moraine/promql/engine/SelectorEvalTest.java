package io.moraine.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.sample.StaleNaN;
import io.moraine.core.storage.Appender;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.SeriesPoints;
import io.moraine.testkit.storage.ReferenceStorage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Selector semantics over a reference store: lookback, staleness, offset, @ and range windows. */
class SelectorEvalTest {
  private final ReferenceStorage db = new ReferenceStorage();
  private final Engine engine = new Engine(EngineOptions.DEFAULT);
  private static final Labels A = Labels.of("__name__", "m", "i", "a");
  private static final Labels B = Labels.of("__name__", "m", "i", "b");

  @BeforeEach
  void load() {
    Appender app = db.appender();
    for (int i = 0; i <= 10; i++) {
      app.append(A, i * 60_000L, i); // 0..10 at every minute
    }
    app.append(B, 0, 100);
    app.append(B, 60_000, StaleNaN.VALUE);
    app.append(B, 120_000, 102);
    app.commit();
  }

  private static VectorSelector sel(long offset, @Nullable At at) {
    return new VectorSelector("m", List.of(Matcher.eq("__name__", "m")), offset, at, PosRange.NONE);
  }

  private InstantVector instant(io.moraine.promql.ast.Expr e, long t) {
    return (InstantVector) engine.instant(db, e, t, QueryContext.unlimited());
  }

  @Test
  void instantSelectorTakesTheNewestSampleInTheLookback() {
    InstantVector v = instant(sel(0, null), 150_000);
    assertThat(v.samples())
        .extracting(s -> s.labels(), s -> s.v())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(A, 2.0),
            org.assertj.core.groups.Tuple.tuple(B, 102.0));
  }

  @Test
  void staleMarkerHidesTheSeriesAndLookbackEndsAfterFiveMinutes() {
    assertThat(instant(sel(0, null), 90_000).samples())
        .extracting(s -> s.labels())
        .containsExactly(A);
    // B's last sample is at 2m: visible up to and including 7m, gone after.
    assertThat(instant(sel(0, null), 420_000).samples()).hasSize(2);
    assertThat(instant(sel(0, null), 420_001).samples())
        .extracting(s -> s.labels())
        .containsExactly(A);
  }

  @Test
  void offsetAndAtMoveTheReadTime() {
    assertThat(instant(sel(120_000, null), 300_000).samples())
        .filteredOn(s -> s.labels().equals(A))
        .extracting(s -> s.v())
        .containsExactly(3.0);
    assertThat(instant(sel(0, At.timestamp(60_000)), 600_000).samples())
        .filteredOn(s -> s.labels().equals(A))
        .extracting(s -> s.v())
        .containsExactly(1.0);
    assertThat(instant(sel(-60_000, null), 60_000).samples())
        .filteredOn(s -> s.labels().equals(A))
        .extracting(s -> s.v())
        .containsExactly(2.0);
  }

  @Test
  void rangeQueryOfASelectorHasAPointPerStepWithASample() {
    RangeMatrix m = engine.range(db, sel(0, null), 0, 600_000, 60_000, QueryContext.unlimited());
    SeriesPoints b =
        m.series().stream().filter(s -> s.labels().equals(B)).findFirst().orElseThrow();
    // 0: 100; 1m: stale; 2m..7m: 102; 8m..10m: past the lookback.
    assertThat(b.size()).isEqualTo(7);
    assertThat(b.ts()[0]).isEqualTo(0);
    assertThat(b.ts()[1]).isEqualTo(120_000);
    assertThat(m.series()).extracting(SeriesPoints::labels).containsExactly(A, B);
  }

  @Test
  void matrixSelectorWindowIsClosedOnBothEndsAndDropsStaleMarkers() {
    var ms = new MatrixSelector(sel(0, null), 120_000, PosRange.NONE);
    RangeMatrix m = (RangeMatrix) engine.instant(db, ms, 180_000, QueryContext.unlimited());
    SeriesPoints a =
        m.series().stream().filter(s -> s.labels().equals(A)).findFirst().orElseThrow();
    assertThat(a.size()).isEqualTo(3); // 1m, 2m, 3m
    SeriesPoints b =
        m.series().stream().filter(s -> s.labels().equals(B)).findFirst().orElseThrow();
    assertThat(b.size()).isEqualTo(1); // 2m only: 1m is a staleness marker
  }

  @Test
  void subqueryPointsAreAlignedToTheStep() {
    var sq = new SubqueryExpr(sel(0, null), 300_000, 120_000, 0, null, PosRange.NONE);
    RangeMatrix m = (RangeMatrix) engine.instant(db, sq, 610_000, QueryContext.unlimited());
    SeriesPoints a =
        m.series().stream().filter(s -> s.labels().equals(A)).findFirst().orElseThrow();
    assertThat(a.ts()).startsWith(360_000, 480_000, 600_000);
    assertThat(a.size()).isEqualTo(3);
  }

  @Test
  void rangeQueryRefusesARangeVector() {
    var ms = new MatrixSelector(sel(0, null), 120_000, PosRange.NONE);
    assertThatThrownBy(() -> engine.range(db, ms, 0, 60_000, 1000, QueryContext.unlimited()))
        .isInstanceOf(QueryException.BadData.class)
        .hasMessage(
            "invalid expression type \"range vector\" for range query, must be Scalar or instant"
                + " Vector");
  }

  @Test
  void sampleLimitIsEnforced() {
    Engine small = new Engine(EngineOptions.DEFAULT.withMaxSamples(5));
    assertThatThrownBy(
            () -> small.range(db, sel(0, null), 0, 600_000, 60_000, QueryContext.unlimited()))
        .isInstanceOf(QueryException.TooManySamples.class);
  }

  @Test
  void aCanceledQueryStops() {
    QueryContext ctx = QueryContext.unlimited();
    ctx.cancel();
    assertThatThrownBy(() -> engine.instant(db, sel(0, null), 0, ctx))
        .isInstanceOf(QueryException.Canceled.class);
  }

  @Test
  void aSubqueryWithTooManyStepsIsRefusedBeforeItAllocates() {
    var sq = new SubqueryExpr(sel(0, null), 100L * 365 * 86_400_000, 1, 0, null, PosRange.NONE);
    assertThatThrownBy(() -> engine.instant(db, sq, 600_000, QueryContext.unlimited()))
        .isInstanceOf(QueryException.TooManySamples.class);
  }
}
