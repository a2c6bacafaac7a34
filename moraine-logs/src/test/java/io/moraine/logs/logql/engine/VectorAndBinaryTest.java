package io.moraine.logs.logql.engine;

import static io.moraine.logs.logql.engine.Ast.S;
import static io.moraine.logs.logql.engine.Ast.agg;
import static io.moraine.logs.logql.engine.Ast.by;
import static io.moraine.logs.logql.engine.Ast.range;
import static io.moraine.logs.logql.engine.Ast.sel;
import static io.moraine.logs.logql.engine.Ast.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.ast.BinaryExpr;
import io.moraine.logs.logql.ast.BinaryOp;
import io.moraine.logs.logql.ast.LabelReplace;
import io.moraine.logs.logql.ast.NumberLiteral;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.SampleExpr;
import io.moraine.logs.logql.ast.VectorLiteral;
import io.moraine.logs.logql.ast.VectorMatching;
import io.moraine.logs.logql.ast.VectorOp;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts per stream at 60s over [1m]: {app=a,pod=1}=1, {app=a,pod=2}=2, {app=b,pod=1}=3,
 * {app=b,pod=3}=2.
 */
class VectorAndBinaryTest {
  private final MemoryLogStore store = new MemoryLogStore();
  private final LogqlEngine engine =
      new LogqlEngine(store, EngineOptions.DEFAULT.withPipelines(new TestPipelines()));

  @BeforeEach
  void load() {
    put("a", "1", 1);
    put("a", "2", 2);
    put("b", "1", 3);
    put("b", "3", 2);
  }

  private void put(String app, String pod, int n) {
    for (int i = 0; i < n; i++) {
      store.add(Labels.of("env", "prod", "app", app, "pod", pod), (10 + i) * S, "line");
    }
  }

  private static SampleExpr counts() {
    return range(RangeOp.COUNT_OVER_TIME, sel("env", "prod"), 60 * S);
  }

  private List<String> eval(SampleExpr e) {
    QueryResult r = engine.instant("t", e, 60 * S, 100, Direction.BACKWARD, new LogReadStats());
    List<String> out = new ArrayList<>();
    if (r instanceof QueryResult.Scalar s) {
      out.add("scalar " + s.value());
      return out;
    }
    for (QueryResult.Sample s : ((QueryResult.Vector) r).samples()) {
      out.add(s.labels().toString().replace("env=\"prod\", ", "") + " " + s.value());
    }
    return out;
  }

  @Test
  void aggregationsWithGrouping() {
    assertThat(eval(agg(VectorOp.SUM, counts(), by("app"), 0)))
        .containsExactly("{app=\"a\"} 3.0", "{app=\"b\"} 5.0");
    assertThat(eval(agg(VectorOp.SUM, counts(), null, 0))).containsExactly("{} 8.0");
    assertThat(eval(agg(VectorOp.AVG, counts(), by("app"), 0)))
        .containsExactly("{app=\"a\"} 1.5", "{app=\"b\"} 2.5");
    assertThat(eval(agg(VectorOp.MIN, counts(), by("pod"), 0)))
        .containsExactly("{pod=\"1\"} 1.0", "{pod=\"2\"} 2.0", "{pod=\"3\"} 2.0");
    assertThat(eval(agg(VectorOp.MAX, counts(), without("pod", "env"), 0)))
        .containsExactly("{app=\"a\"} 2.0", "{app=\"b\"} 3.0");
    assertThat(eval(agg(VectorOp.COUNT, counts(), by("app"), 0)))
        .containsExactly("{app=\"a\"} 2.0", "{app=\"b\"} 2.0");
    // values 1, 2, 3, 2: mean 2, squared deviations 1 + 0 + 1 + 0 = 2, / 4
    assertThat(eval(agg(VectorOp.STDVAR, counts(), null, 0))).containsExactly("{} 0.5");
    assertThat(eval(agg(VectorOp.STDDEV, counts(), null, 0)))
        .containsExactly("{} " + Math.sqrt(0.5));
    assertThat(eval(agg(VectorOp.STDDEV, counts(), by("pod", "app"), 0)))
        .allMatch(s -> s.endsWith(" 0.0"));
  }

  @Test
  void topkKeepsTheFirstAmongTiesAndIsSortedByLabelsInAnInstantQuery() {
    // values a/1=1, a/2=2, b/1=3, b/3=2: top 2 is b/1 and the first 2 seen (a/2)
    assertThat(eval(agg(VectorOp.TOPK, counts(), null, 2)))
        .containsExactly("{app=\"a\", pod=\"2\"} 2.0", "{app=\"b\", pod=\"1\"} 3.0");
    assertThat(eval(agg(VectorOp.BOTTOMK, counts(), by("app"), 1)))
        .containsExactly("{app=\"a\", pod=\"1\"} 1.0", "{app=\"b\", pod=\"3\"} 2.0");
    assertThat(eval(agg(VectorOp.TOPK, counts(), null, 0))).isEmpty();
  }

  @Test
  void sortKeepsItsOrder() {
    assertThat(eval(agg(VectorOp.SORT_DESC, counts(), null, 0)))
        .extracting(s -> s.substring(s.lastIndexOf(' ') + 1))
        .containsExactly("3.0", "2.0", "2.0", "1.0");
    assertThat(eval(agg(VectorOp.SORT, counts(), null, 0)))
        .extracting(s -> s.substring(s.lastIndexOf(' ') + 1))
        .containsExactly("1.0", "2.0", "2.0", "3.0");
  }

  private static BinaryExpr bin(
      BinaryOp op, SampleExpr l, SampleExpr r, boolean bool, @Nullable VectorMatching m) {
    return new BinaryExpr(op, l, r, bool, m);
  }

  @Test
  void scalarAndVector() {
    assertThat(eval(bin(BinaryOp.MUL, counts(), new NumberLiteral(10), false, null)))
        .containsExactly(
            "{app=\"a\", pod=\"1\"} 10.0",
            "{app=\"a\", pod=\"2\"} 20.0",
            "{app=\"b\", pod=\"1\"} 30.0",
            "{app=\"b\", pod=\"3\"} 20.0");
    assertThat(eval(bin(BinaryOp.GTR, counts(), new NumberLiteral(2), false, null)))
        .containsExactly("{app=\"b\", pod=\"1\"} 3.0");
    // literal on the left: a filtering comparison keeps the literal's value, as Loki does
    assertThat(eval(bin(BinaryOp.LSS, new NumberLiteral(2), counts(), false, null)))
        .containsExactly("{app=\"b\", pod=\"1\"} 2.0");
    assertThat(eval(bin(BinaryOp.GTR, counts(), new NumberLiteral(2), true, null)))
        .containsExactly(
            "{app=\"a\", pod=\"1\"} 0.0",
            "{app=\"a\", pod=\"2\"} 0.0",
            "{app=\"b\", pod=\"1\"} 1.0",
            "{app=\"b\", pod=\"3\"} 0.0");
    assertThat(eval(bin(BinaryOp.DIV, counts(), new NumberLiteral(0), false, null)))
        .allMatch(s -> s.endsWith("NaN"));
    assertThat(eval(bin(BinaryOp.GTR, new NumberLiteral(3), new NumberLiteral(2), false, null)))
        .containsExactly("scalar 1.0");
    assertThat(eval(bin(BinaryOp.POW, new NumberLiteral(2), new NumberLiteral(10), false, null)))
        .containsExactly("scalar 1024.0");
  }

  private static SampleExpr sumBy(String... labels) {
    return agg(VectorOp.SUM, counts(), by(labels), 0);
  }

  @Test
  void vectorMatching() {
    // one-to-one on all labels
    assertThat(eval(bin(BinaryOp.ADD, sumBy("app"), sumBy("app"), false, null)))
        .containsExactly("{app=\"a\"} 6.0", "{app=\"b\"} 10.0");
    // many-to-one: per pod share of its app
    VectorMatching left =
        new VectorMatching(true, List.of("app"), VectorMatching.Cardinality.MANY_TO_ONE, List.of());
    assertThat(eval(bin(BinaryOp.DIV, counts(), sumBy("app"), false, left)))
        .containsExactly(
            "{app=\"a\", pod=\"1\"} " + 1 / 3.0,
            "{app=\"a\", pod=\"2\"} " + 2 / 3.0,
            "{app=\"b\", pod=\"1\"} 0.6",
            "{app=\"b\", pod=\"3\"} 0.4");
    // one-to-one on(app): the result keeps only the on labels
    VectorMatching on =
        new VectorMatching(true, List.of("app"), VectorMatching.Cardinality.ONE_TO_ONE, List.of());
    assertThat(eval(bin(BinaryOp.SUB, sumBy("app", "env"), sumBy("app"), false, on)))
        .containsExactly("{app=\"a\"} 0.0", "{app=\"b\"} 0.0");
    // comparison between vectors filters, bool gives 0/1
    assertThat(
            eval(
                bin(
                    BinaryOp.GTR,
                    sumBy("app"),
                    agg(VectorOp.MAX, counts(), by("app"), 0),
                    false,
                    null)))
        .containsExactly("{app=\"a\"} 3.0", "{app=\"b\"} 5.0");
  }

  @Test
  void matchingErrors() {
    VectorMatching onApp =
        new VectorMatching(true, List.of("app"), VectorMatching.Cardinality.ONE_TO_ONE, List.of());
    assertThatThrownBy(() -> eval(bin(BinaryOp.ADD, sumBy("app"), counts(), false, onApp)))
        .isInstanceOf(VectorMatchingException.class)
        .hasMessage(
            "found duplicate series on the right hand-side;many-to-many matching not allowed: matching labels must be unique on one side");
    assertThatThrownBy(() -> eval(bin(BinaryOp.ADD, counts(), sumBy("app"), false, onApp)))
        .isInstanceOf(VectorMatchingException.class)
        .hasMessage(
            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
    VectorMatching right =
        new VectorMatching(true, List.of("app"), VectorMatching.Cardinality.ONE_TO_MANY, List.of());
    assertThatThrownBy(() -> eval(bin(BinaryOp.ADD, counts(), sumBy("app"), false, right)))
        .isInstanceOf(VectorMatchingException.class)
        .hasMessageStartingWith("found duplicate series on the left hand-side");
  }

  @Test
  void setOperatorsAndVectorLiteral() {
    SampleExpr big = bin(BinaryOp.GTR, counts(), new NumberLiteral(1), false, null);
    VectorMatching onApp =
        new VectorMatching(true, List.of("app"), VectorMatching.Cardinality.ONE_TO_ONE, List.of());
    assertThat(
            eval(
                bin(
                    BinaryOp.AND,
                    counts(),
                    bin(BinaryOp.GTR, counts(), new NumberLiteral(2), false, null),
                    false,
                    onApp)))
        .containsExactly("{app=\"b\", pod=\"1\"} 3.0", "{app=\"b\", pod=\"3\"} 2.0");
    assertThat(eval(bin(BinaryOp.UNLESS, counts(), big, false, null)))
        .containsExactly("{app=\"a\", pod=\"1\"} 1.0");
    SampleExpr none = bin(BinaryOp.GTR, sumBy(), new NumberLiteral(100), false, null);
    assertThat(eval(bin(BinaryOp.OR, none, new VectorLiteral(0), false, null)))
        .containsExactly("{} 0.0");
    assertThat(eval(bin(BinaryOp.OR, sumBy(), new VectorLiteral(0), false, null)))
        .containsExactly("{} 8.0");
    assertThat(eval(new VectorLiteral(7))).containsExactly("{} 7.0");
  }

  @Test
  void labelReplace() {
    assertThat(eval(new LabelReplace(sumBy("app"), "team", "team-$1${1}", "app", "(.)")))
        .containsExactly("{app=\"a\", team=\"team-aa\"} 3.0", "{app=\"b\", team=\"team-bb\"} 5.0");
    // anchored: no match leaves the labels alone; an empty result removes the destination
    assertThat(eval(new LabelReplace(sumBy("app"), "team", "x", "app", "b.")))
        .containsExactly("{app=\"a\"} 3.0", "{app=\"b\"} 5.0");
    assertThat(eval(new LabelReplace(sumBy("app"), "app", "", "app", "a")))
        .containsExactly("{} 3.0", "{app=\"b\"} 5.0");
  }

  @Test
  void rangeQueryOfAVectorAggregationAndALiteral() {
    QueryResult.Matrix m =
        (QueryResult.Matrix)
            engine.range(
                "t",
                sumBy("app"),
                0,
                60 * S,
                30 * S,
                0,
                100,
                Direction.FORWARD,
                new LogReadStats());
    assertThat(m.series()).extracting(s -> s.labels().get("app")).containsExactly("a", "b");
    assertThat(m.series().get(1).timestampsMillis()).containsExactly(30_000, 60_000);
    assertThat(m.series().get(1).values()).containsExactly(5, 5);
    QueryResult.Matrix lit =
        (QueryResult.Matrix)
            engine.range(
                "t",
                new NumberLiteral(4),
                0,
                60 * S,
                30 * S,
                0,
                100,
                Direction.FORWARD,
                new LogReadStats());
    assertThat(lit.series())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.timestampsMillis()).containsExactly(0, 30_000, 60_000);
              assertThat(s.values()).containsExactly(4, 4, 4);
            });
  }
}
