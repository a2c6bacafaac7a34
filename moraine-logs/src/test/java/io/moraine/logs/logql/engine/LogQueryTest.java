package io.moraine.logs.logql.engine;

import static io.moraine.logs.logql.engine.Ast.S;
import static io.moraine.logs.logql.engine.Ast.sel;
import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogQueryTest {
  private static final Labels A = Labels.of("app", "x", "pod", "1");
  private static final Labels B = Labels.of("app", "x", "pod", "2");

  private final MemoryLogStore store = new MemoryLogStore();
  private final LogqlEngine engine =
      new LogqlEngine(store, EngineOptions.DEFAULT.withPipelines(new TestPipelines()));

  private QueryResult.Streams range(
      io.moraine.logs.logql.ast.Expr e,
      long start,
      long end,
      long interval,
      int limit,
      Direction d) {
    return (QueryResult.Streams)
        engine.range("t", e, start, end, S, interval, limit, d, new LogReadStats());
  }

  private static List<String> lines(QueryResult.Streams r) {
    List<String> out = new ArrayList<>();
    for (QueryResult.Stream s : r.streams()) {
      for (QueryResult.Entry e : s.entries()) {
        out.add(s.labels().get("pod") + "@" + e.timestampNanos() / S + ":" + e.line());
      }
    }
    return out;
  }

  private void interleaved() {
    for (int i = 1; i <= 6; i++) {
      store.add(i % 2 == 1 ? A : B, i * S, "line " + i);
    }
  }

  @Test
  void forwardLimitTakesTheOldestAcrossStreams() {
    interleaved();
    var r = range(sel("app", "x"), 0, 10 * S, 0, 4, Direction.FORWARD);
    assertThat(lines(r)).containsExactly("1@1:line 1", "1@3:line 3", "2@2:line 2", "2@4:line 4");
  }

  @Test
  void backwardLimitTakesTheNewestInDescendingOrder() {
    interleaved();
    var r = range(sel("app", "x"), 0, 10 * S, 0, 3, Direction.BACKWARD);
    assertThat(lines(r)).containsExactly("1@5:line 5", "2@6:line 6", "2@4:line 4");
  }

  @Test
  void startIsInclusiveEndExclusive() {
    interleaved();
    var r = range(sel("app", "x"), 2 * S, 6 * S, 0, 100, Direction.FORWARD);
    assertThat(lines(r)).containsExactly("1@3:line 3", "1@5:line 5", "2@2:line 2", "2@4:line 4");
    assertThat(store.openQueriers).isZero();
  }

  @Test
  void equalTimestampsOrderByLabels() {
    store.add(B, 5 * S, "b").add(A, 5 * S, "a");
    assertThat(lines(range(sel("app", "x"), 0, 10 * S, 0, 1, Direction.FORWARD)))
        .containsExactly("1@5:a");
    assertThat(lines(range(sel("app", "x"), 0, 10 * S, 0, 1, Direction.BACKWARD)))
        .containsExactly("1@5:a");
  }

  @Test
  void streamSplitsByLabelsTheParserSets() {
    store
        .add(A, 1 * S, "level=info a")
        .add(A, 2 * S, "level=error b")
        .add(A, 3 * S, "level=info c");
    var r =
        range(
            sel(List.of(new LogfmtParser(false, false, List.of())), "app", "x"),
            0,
            10 * S,
            0,
            10,
            Direction.FORWARD);
    assertThat(r.streams()).hasSize(2);
    assertThat(r.streams().get(0).labels().get("level")).isEqualTo("error");
    assertThat(r.streams().get(1).entries())
        .extracting(QueryResult.Entry::line)
        .containsExactly("level=info a", "level=info c");
  }

  @Test
  void lineAndLabelFiltersDropEntriesAndLimitCountsOnlyKeptOnes() {
    store
        .add(A, 1 * S, "level=info GET")
        .add(A, 2 * S, "level=error GET")
        .add(A, 3 * S, "level=error POST")
        .add(A, 4 * S, "level=error GET");
    List<Stage> stages =
        List.of(
            new LineFilter(LineFilterOp.CONTAINS, List.of(new LineFilter.Value("GET", false))),
            new LogfmtParser(false, false, List.of()),
            new LabelFilterStage(new LabelFilter.StringFilter(Matcher.eq("level", "error"))));
    LogReadStats stats = new LogReadStats();
    Evaluation ev =
        engine.evaluateRange(
            "t", sel(stages, "app", "x"), 0, 10 * S, S, 0, 1, Direction.BACKWARD, stats);
    assertThat(lines((QueryResult.Streams) ev.result())).containsExactly("1@4:level=error GET");
    assertThat(store.hints.get(0).requiredSubstrings()).containsExactly("GET");
    assertThat(store.hints.get(0).linesNeeded()).isTrue();
    assertThat(stats.headLines).isEqualTo(1);
    assertThat(ev.statistics().totalLinesProcessed()).isEqualTo(1);
    assertThat(ev.statistics().totalEntriesReturned()).isEqualTo(1);
  }

  @Test
  void intervalReturnsAtMostOneEntryPerInterval() {
    for (int i = 0; i < 10; i++) {
      store.add(i % 2 == 0 ? A : B, i * S, "l" + i);
    }
    var fwd = range(sel("app", "x"), 0, 10 * S, 3 * S, 100, Direction.FORWARD);
    assertThat(lines(fwd)).containsExactly("1@0:l0", "1@6:l6", "2@3:l3", "2@9:l9");
    var bwd = range(sel("app", "x"), 0, 10 * S, 3 * S, 100, Direction.BACKWARD);
    assertThat(lines(bwd)).containsExactly("1@6:l6", "1@0:l0", "2@9:l9", "2@3:l3");
  }

  @Test
  void instantLogQueryLooksBackThirtySecondsExcludingTheInstant() {
    long t = 100 * S;
    store
        .add(A, t - 31 * S, "old")
        .add(A, t - 30 * S, "edge")
        .add(A, t - S, "recent")
        .add(A, t, "now");
    var r =
        (QueryResult.Streams)
            engine.instant("t", sel("app", "x"), t, 100, Direction.FORWARD, new LogReadStats());
    assertThat(lines(r)).containsExactly("1@70:edge", "1@99:recent");
  }

  @Test
  void tenantsAreKeptApart() {
    store.add("other", A, S, "secret");
    assertThat(range(sel("app", "x"), 0, 10 * S, 0, 10, Direction.FORWARD).streams()).isEmpty();
  }
}
