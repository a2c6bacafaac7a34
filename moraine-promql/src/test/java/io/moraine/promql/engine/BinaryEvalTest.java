package io.moraine.promql.engine;

import static io.moraine.promql.engine.TestRows.NA;
import static io.moraine.promql.engine.TestRows.render;
import static io.moraine.promql.engine.TestRows.row;
import static io.moraine.promql.engine.TestRows.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.BinaryOp;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.VectorMatching;
import io.moraine.promql.ast.VectorMatching.Cardinality;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BinaryEvalTest {
  private static final NumberLiteral ANY = new NumberLiteral(0, PosRange.NONE);

  private static EvalResult eval(
      BinaryOp op,
      boolean bool,
      @Nullable VectorMatching m,
      EvalResult lhs,
      EvalResult rhs,
      int steps) {
    return BinaryEval.eval(
        new BinaryExpr(op, ANY, ANY, m, bool, PosRange.NONE), lhs, rhs, steps(steps));
  }

  private static List<String> vv(
      BinaryOp op, boolean bool, @Nullable VectorMatching m, List<Row> l, List<Row> r, int steps) {
    EvalResult out = eval(op, bool, m, new EvalResult.Vector(l), new EvalResult.Vector(r), steps);
    return render(((EvalResult.Vector) out).rows(), steps);
  }

  private static List<String> vs(BinaryOp op, boolean bool, List<Row> l, double... scalar) {
    EvalResult out =
        eval(
            op,
            bool,
            null,
            new EvalResult.Vector(l),
            new EvalResult.ScalarSteps(scalar),
            scalar.length);
    return render(((EvalResult.Vector) out).rows(), scalar.length);
  }

  private static List<String> sv(BinaryOp op, boolean bool, List<Row> r, double... scalar) {
    EvalResult out =
        eval(
            op,
            bool,
            null,
            new EvalResult.ScalarSteps(scalar),
            new EvalResult.Vector(r),
            scalar.length);
    return render(((EvalResult.Vector) out).rows(), scalar.length);
  }

  private static double ss(BinaryOp op, double l, double r) {
    EvalResult out =
        eval(
            op,
            true,
            null,
            new EvalResult.ScalarSteps(new double[] {l}),
            new EvalResult.ScalarSteps(new double[] {r}),
            1);
    return ((EvalResult.ScalarSteps) out).values()[0];
  }

  private static VectorMatching on(Cardinality card, List<String> labels, String... include) {
    return new VectorMatching(card, labels, true, List.of(include));
  }

  private static VectorMatching ignoring(Cardinality card, List<String> labels, String... include) {
    return new VectorMatching(card, labels, false, List.of(include));
  }

  @Test
  void scalarScalar() {
    assertThat(ss(BinaryOp.POW, 2, 3)).isEqualTo(8);
    assertThat(ss(BinaryOp.SUB, 2, 5)).isEqualTo(-3);
    assertThat(ss(BinaryOp.EQL, 0, 1)).isEqualTo(0);
    assertThat(ss(BinaryOp.EQL, 1, 1)).isEqualTo(1);
    assertThat(ss(BinaryOp.LTE, 1, Double.NaN)).isEqualTo(0);
    assertThat(ss(BinaryOp.ATAN2, 10, 20)).isEqualTo(0.4636476090008061);
    assertThat(ss(BinaryOp.ATAN2, 10, Double.NaN)).isNaN();
    assertThat(ss(BinaryOp.DIV, -1, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void powAndModFollowGo() {
    assertThat(ss(BinaryOp.POW, 1, Double.NaN)).isEqualTo(1);
    assertThat(ss(BinaryOp.POW, 1, Double.POSITIVE_INFINITY)).isEqualTo(1);
    assertThat(ss(BinaryOp.POW, -1, Double.NEGATIVE_INFINITY)).isEqualTo(1);
    assertThat(ss(BinaryOp.POW, Double.NaN, 0)).isEqualTo(1);
    assertThat(ss(BinaryOp.POW, Double.NaN, 1)).isNaN();
    assertThat(ss(BinaryOp.POW, 2, 0.5)).isEqualTo(Math.sqrt(2));
    assertThat(ss(BinaryOp.POW, 4, -0.5)).isEqualTo(0.5);
    assertThat(ss(BinaryOp.POW, -8, 1.0 / 3)).isNaN();
    assertThat(ss(BinaryOp.POW, -0.0, -1)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ss(BinaryOp.POW, 0.5, Double.NEGATIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ss(BinaryOp.POW, -10, 3)).isEqualTo(-1000);
    assertThat(ss(BinaryOp.MOD, 5, -3)).isEqualTo(2);
    assertThat(ss(BinaryOp.MOD, -5, 3)).isEqualTo(-2);
    assertThat(ss(BinaryOp.MOD, -4, 2)).isEqualTo(-0.0).matches(v -> 1 / v < 0);
    assertThat(ss(BinaryOp.MOD, 5, 0)).isNaN();
    assertThat(ss(BinaryOp.MOD, 5, Double.POSITIVE_INFINITY)).isEqualTo(5);
    assertThat(ss(BinaryOp.MOD, Double.POSITIVE_INFINITY, 2)).isNaN();
    assertThat(ss(BinaryOp.MOD, 1000, 0.3))
        .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void vectorScalarArithmeticDropsTheName() {
    List<Row> cpu =
        List.of(row("node_cpu{mode=idle}", 3.0, NA), row("node_cpu{mode=user}", 1.0, 2.0));
    assertThat(vs(BinaryOp.ADD, false, cpu, 2, 3))
        .containsExactly("{mode=idle} 5 _", "{mode=user} 3 5");
    assertThat(vs(BinaryOp.POW, false, cpu, 2, 2))
        .containsExactly("{mode=idle} 9 _", "{mode=user} 1 4");
    assertThat(vs(BinaryOp.MOD, false, cpu, 2, 2))
        .containsExactly("{mode=idle} 1 _", "{mode=user} 1 0");
    assertThat(sv(BinaryOp.SUB, false, cpu, 2, 3))
        .containsExactly("{mode=idle} -1 _", "{mode=user} 1 1");
    assertThat(sv(BinaryOp.DIV, false, cpu, 0, 0))
        .containsExactly("{mode=idle} 0 _", "{mode=user} 0 0");
    assertThat(vs(BinaryOp.DIV, false, cpu, 0, 0))
        .containsExactly("{mode=idle} +Inf _", "{mode=user} +Inf +Inf");
    assertThat(vs(BinaryOp.ATAN2, false, cpu, 0, 0).getFirst()).startsWith("node_cpu{mode=idle}");
  }

  @Test
  void vectorScalarComparisonsFilterAndKeepTheVectorsValueAndName() {
    List<Row> in = List.of(row("s{job=api}", 1000.0, 900.0), row("s{job=app}", 2600.0, NA));
    assertThat(vs(BinaryOp.GTR, false, in, 1000, 800))
        .containsExactly("s{job=api} _ 900", "s{job=app} 2600 _");
    // 1000 < s: the scalar is the left operand, the value kept is the vector's.
    assertThat(sv(BinaryOp.LSS, false, in, 1000, 1000)).containsExactly("s{job=app} 2600 _");
    assertThat(sv(BinaryOp.GTE, false, in, 1000, 1000)).containsExactly("s{job=api} 1000 900");
    assertThat(vs(BinaryOp.EQL, true, in, 1000, 1000))
        .containsExactly("{job=api} 1 0", "{job=app} 0 _");
    assertThat(vs(BinaryOp.NEQ, false, List.of(row("n", Double.NaN)), Double.NaN))
        .containsExactly("n{} NaN");
  }

  @Test
  void droppingTheNameMustNotMakeTwoSeriesEqualAtAStep() {
    List<Row> in =
        List.of(row("testmetric1{src=a, dst=b}", 0.0), row("testmetric2{src=a, dst=b}", 1.0));
    assertThatThrownBy(() -> vs(BinaryOp.MUL, false, in, -1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessage("vector cannot contain metrics with the same labelset");
    // At different steps the two become one series.
    List<Row> apart = List.of(row("a{x=1}", 1.0, NA), row("b{x=1}", NA, 2.0));
    assertThat(vs(BinaryOp.MUL, false, apart, -1, -1)).containsExactly("{x=1} -1 -2");
  }

  private static List<Row> canary() {
    return List.of(
        row("http_requests{group=canary, instance=0, job=api-server}", 300.0),
        row("http_requests{group=canary, instance=0, job=app-server}", 700.0),
        row("http_requests{group=canary, instance=1, job=api-server}", 400.0),
        row("http_requests{group=canary, instance=1, job=app-server}", 800.0));
  }

  private static List<Row> production() {
    return List.of(
        row("http_requests{group=production, instance=0, job=api-server}", 100.0),
        row("http_requests{group=production, instance=0, job=app-server}", 500.0),
        row("http_requests{group=production, instance=1, job=api-server}", 200.0),
        row("http_requests{group=production, instance=1, job=app-server}", 600.0));
  }

  @Test
  void oneToOneMatchingOnAndIgnoring() {
    List<String> expected =
        List.of(
            "{instance=0, job=api-server} 3",
            "{instance=0, job=app-server} 1.4",
            "{instance=1, job=api-server} 2",
            "{instance=1, job=app-server} 1.3333333333333333");
    assertThat(
            vv(
                BinaryOp.DIV,
                false,
                on(Cardinality.ONE_TO_ONE, List.of("instance", "job")),
                canary(),
                production().reversed(),
                1))
        .containsExactlyElementsOf(expected);
    assertThat(
            vv(
                BinaryOp.DIV,
                false,
                ignoring(Cardinality.ONE_TO_ONE, List.of("group")),
                canary(),
                production(),
                1))
        .containsExactlyElementsOf(expected);
    List<Row> a = List.of(row("metricA{baz=meh}", 3.0));
    List<Row> b = List.of(row("metricB{baz=meh}", 4.0));
    assertThat(vv(BinaryOp.ADD, false, null, a, b, 1)).containsExactly("{baz=meh} 7");
    assertThat(
            vv(
                BinaryOp.ADD,
                false,
                on(Cardinality.ONE_TO_ONE, List.of()),
                List.of(row("random{foo=bar}", 2.0)),
                a,
                1))
        .containsExactly("{} 5");
  }

  @Test
  void vectorComparisonsKeepTheLeftValueOrGiveBool() {
    List<Row> total = List.of(row("test_total{instance=localhost}", 50.0, 5.0));
    List<Row> smaller = List.of(row("test_smaller{instance=localhost}", 10.0, 10.0));
    VectorMatching m = ignoring(Cardinality.ONE_TO_ONE, List.of());
    assertThat(vv(BinaryOp.GTR, false, m, total, smaller, 2))
        .containsExactly("test_total{instance=localhost} 50 _");
    assertThat(vv(BinaryOp.GTR, true, m, total, smaller, 2))
        .containsExactly("{instance=localhost} 1 0");
    assertThat(vv(BinaryOp.LSS, false, m, total, smaller, 2))
        .containsExactly("test_total{instance=localhost} _ 5");
    List<Row> y = List.of(row("trigy", 10.0));
    assertThat(vv(BinaryOp.ATAN2, false, m, y, List.of(row("trigx", 20.0)), 1))
        .containsExactly("trigy{} 0.4636476090008061");
  }

  @Test
  void groupLeftAndGroupRightCopyIncludedLabelsFromTheOneSide() {
    List<Row> var = List.of(row("node_var{instance=abc, job=node}", 2.0));
    List<Row> role = List.of(row("node_role{instance=abc, job=node, role=prometheus}", 1.0));
    String want = "{instance=abc, job=node, role=prometheus} 2";
    assertThat(
            vv(
                BinaryOp.MUL,
                false,
                on(Cardinality.MANY_TO_ONE, List.of("instance"), "role"),
                var,
                role,
                1))
        .containsExactly(want);
    assertThat(
            vv(
                BinaryOp.MUL,
                false,
                on(Cardinality.ONE_TO_MANY, List.of("instance"), "role"),
                role,
                var,
                1))
        .containsExactly(want);
    assertThat(
            vv(
                BinaryOp.MUL,
                false,
                ignoring(Cardinality.MANY_TO_ONE, List.of("role"), "role"),
                var,
                role,
                1))
        .containsExactly(want);
    List<Row> cpu =
        List.of(
            row("node_cpu{instance=abc, job=node, mode=idle}", 3.0),
            row("node_cpu{instance=abc, job=node, mode=user}", 1.0),
            row("node_cpu{instance=def, job=node, mode=idle}", 8.0),
            row("node_cpu{instance=def, job=node, mode=user}", 2.0));
    assertThat(
            vv(
                BinaryOp.MUL,
                false,
                ignoring(Cardinality.MANY_TO_ONE, List.of("role", "mode"), "role"),
                cpu,
                role,
                1))
        .containsExactly(
            "{instance=abc, job=node, mode=idle, role=prometheus} 3",
            "{instance=abc, job=node, mode=user, role=prometheus} 1");
    List<Row> threshold = List.of(row("threshold{instance=abc, job=node, target=a@b.com}", 0.0));
    assertThat(
            vv(
                BinaryOp.GTR,
                false,
                on(Cardinality.MANY_TO_ONE, List.of("job", "instance"), "target"),
                cpu,
                threshold,
                1))
        .containsExactly(
            "node_cpu{instance=abc, job=node, mode=idle, target=a@b.com} 3",
            "node_cpu{instance=abc, job=node, mode=user, target=a@b.com} 1");
    List<Row> sums =
        List.of(row("{instance=abc, job=node}", 4.0), row("{instance=def, job=node}", 10.0));
    assertThat(
            vv(BinaryOp.DIV, false, on(Cardinality.MANY_TO_ONE, List.of("instance")), cpu, sums, 1))
        .containsExactly(
            "{instance=abc, job=node, mode=idle} 0.75",
            "{instance=abc, job=node, mode=user} 0.25",
            "{instance=def, job=node, mode=idle} 0.8",
            "{instance=def, job=node, mode=user} 0.2");
    // group_right: labels from the right (many) side, a comparison keeps the left (one) value.
    assertThat(
            vv(
                BinaryOp.LSS,
                false,
                on(Cardinality.ONE_TO_MANY, List.of("instance")),
                List.of(row("lim{instance=abc}", 2.0)),
                cpu,
                1))
        .containsExactly("node_cpu{instance=abc, job=node, mode=idle} 2");
    // An included label missing on the one side is removed.
    assertThat(
            vv(
                BinaryOp.ADD,
                false,
                on(Cardinality.MANY_TO_ONE, List.of("instance"), "mode"),
                cpu.subList(0, 1),
                sums,
                1))
        .containsExactly("{instance=abc, job=node} 7");
  }

  @Test
  void duplicateSeriesOnTheOneSideAreRejected() {
    List<Row> lhs = List.of(row("a{x=1, y=1}", 1.0));
    List<Row> rhs = List.of(row("b{x=1, z=1}", 1.0), row("b{x=1, z=2}", 2.0));
    assertThatThrownBy(
            () -> vv(BinaryOp.ADD, false, on(Cardinality.ONE_TO_ONE, List.of("x")), lhs, rhs, 1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessage(
            "found duplicate series for the match group {x=\"1\"} on the right hand-side of the operation:"
                + " [{__name__=\"b\", x=\"1\", z=\"2\"}, {__name__=\"b\", x=\"1\", z=\"1\"}]"
                + ";many-to-many matching not allowed: matching labels must be unique on one side");
    assertThatThrownBy(
            () ->
                vv(
                    BinaryOp.ADD,
                    false,
                    ignoring(Cardinality.ONE_TO_MANY, List.of("y", "z")),
                    rhs,
                    lhs,
                    1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessageStartingWith(
            "found duplicate series for the match group {x=\"1\"} on the left hand-side");
  }

  @Test
  void oneSideDuplicatesAtDifferentStepsAreFine() {
    List<Row> lhs = List.of(row("a{x=1}", 1.0, 1.0, 1.0));
    List<Row> rhs =
        List.of(row("b{x=1, pod=p1}", 10.0, NA, NA), row("b{x=1, pod=p2}", NA, 20.0, NA));
    assertThat(vv(BinaryOp.ADD, false, on(Cardinality.ONE_TO_ONE, List.of("x")), lhs, rhs, 3))
        .containsExactly("{x=1} 11 21 _");
    // Duplicates at a step where the other side has nothing at all are not checked either.
    List<Row> lhs2 = List.of(row("a{x=1}", 1.0, NA));
    List<Row> rhs2 = List.of(row("b{x=1, pod=p1}", 10.0, 5.0), row("b{x=1, pod=p2}", NA, 6.0));
    assertThat(vv(BinaryOp.ADD, false, on(Cardinality.ONE_TO_ONE, List.of("x")), lhs2, rhs2, 2))
        .containsExactly("{x=1} 11 _");
  }

  @Test
  void manySideViolations() {
    List<Row> lhs = List.of(row("a{x=1, y=1}", 1.0), row("a{x=1, y=2}", 2.0));
    List<Row> rhs = List.of(row("b{x=1}", 1.0));
    assertThatThrownBy(
            () -> vv(BinaryOp.ADD, false, on(Cardinality.ONE_TO_ONE, List.of("x")), lhs, rhs, 1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessage(
            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
    // A comparison that filters one of them out leaves a single match; on(x) keeps only x.
    assertThat(vv(BinaryOp.GTR, false, on(Cardinality.ONE_TO_ONE, List.of("x")), lhs, rhs, 1))
        .containsExactly("{x=1} 2");
    assertThat(vv(BinaryOp.GTR, false, ignoring(Cardinality.ONE_TO_ONE, List.of("y")), lhs, rhs, 1))
        .containsExactly("a{x=1} 2");
    List<Row> named = List.of(row("a1{x=1}", 1.0), row("a2{x=1}", 2.0));
    assertThatThrownBy(
            () -> vv(BinaryOp.MUL, false, on(Cardinality.MANY_TO_ONE, List.of("x")), named, rhs, 1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessage("multiple matches for labels: grouping labels must ensure unique matches");
    assertThat(vv(BinaryOp.MUL, false, on(Cardinality.MANY_TO_ONE, List.of("x")), lhs, rhs, 1))
        .containsExactly("{x=1, y=1} 1", "{x=1, y=2} 2");
  }

  @Test
  void theErrorOfTheEarliestStepWins() {
    // Step 1: two left series collide after the name is dropped; step 2: a right duplicate.
    List<Row> lhs =
        List.of(
            row("a{x=1}", NA, 1.0, 1.0), row("b{x=1}", NA, 1.0, NA), row("c{x=2}", 1.0, NA, 1.0));
    List<Row> rhs =
        List.of(
            row("r{x=1}", 1.0, 1.0, 1.0),
            row("r{x=2, k=a}", 1.0, NA, 1.0),
            row("r{x=2, k=b}", NA, NA, 1.0));
    assertThatThrownBy(
            () -> vv(BinaryOp.ADD, false, on(Cardinality.MANY_TO_ONE, List.of("x")), lhs, rhs, 3))
        .hasMessage("multiple matches for labels: grouping labels must ensure unique matches");
    List<Row> lhsLate =
        List.of(
            row("a{x=1}", NA, NA, 1.0), row("b{x=1}", NA, NA, 1.0), row("c{x=2}", 1.0, NA, 1.0));
    assertThatThrownBy(
            () ->
                vv(BinaryOp.ADD, false, on(Cardinality.MANY_TO_ONE, List.of("x")), lhsLate, rhs, 3))
        .hasMessageStartingWith("found duplicate series for the match group {x=\"2\"}");
  }

  @Test
  void outputsOfDifferentGroupsMustNotCollide() {
    // on(__name__, x) keeps the name in the signature, arithmetic then drops it: {x=1} twice.
    List<Row> lhs = List.of(row("a{x=1}", 1.0), row("b{x=1}", 2.0));
    List<Row> rhs = List.of(row("a{x=1}", 10.0), row("b{x=1}", 20.0));
    assertThatThrownBy(
            () ->
                vv(
                    BinaryOp.ADD,
                    false,
                    on(Cardinality.ONE_TO_ONE, List.of("__name__", "x")),
                    lhs,
                    rhs,
                    1))
        .hasMessage("vector cannot contain metrics with the same labelset");
    assertThat(
            vv(
                BinaryOp.GTR,
                false,
                on(Cardinality.ONE_TO_ONE, List.of("__name__", "x")),
                rhs,
                lhs,
                1))
        .containsExactly("a{x=1} 10", "b{x=1} 20");
  }

  @Test
  void setOperatorsWorkPerStep() {
    VectorMatching many = new VectorMatching(Cardinality.MANY_TO_MANY, List.of(), false, List.of());
    List<Row> l = List.of(row("a{x=1}", 1.0, 2.0, 3.0), row("a{x=2}", 4.0, NA, 6.0));
    List<Row> r =
        List.of(
            row("b{x=1}", NA, 0.0, NA), row("b{x=3}", 7.0, 8.0, 9.0), row("b{x=2}", 5.0, 5.0, NA));
    assertThat(vv(BinaryOp.AND, false, many, l, r, 3))
        .containsExactly("a{x=1} _ 2 _", "a{x=2} 4 _ _");
    assertThat(vv(BinaryOp.UNLESS, false, many, l, r, 3))
        .containsExactly("a{x=1} 1 _ 3", "a{x=2} _ _ 6");
    assertThat(vv(BinaryOp.OR, false, many, l, r, 3))
        .containsExactly("a{x=1} 1 2 3", "a{x=2} 4 _ 6", "b{x=3} 7 8 9", "b{x=2} _ 5 _");
    VectorMatching onNothing =
        new VectorMatching(Cardinality.MANY_TO_MANY, List.of(), true, List.of());
    assertThat(vv(BinaryOp.AND, false, onNothing, l, List.of(row("{}", NA, 1.0, NA)), 3))
        .containsExactly("a{x=1} _ 2 _");
    assertThat(vv(BinaryOp.OR, false, onNothing, l, r, 3))
        .containsExactly("a{x=1} 1 2 3", "a{x=2} 4 _ 6");
    assertThat(vv(BinaryOp.UNLESS, false, many, l, List.of(), 3))
        .containsExactly("a{x=1} 1 2 3", "a{x=2} 4 _ 6");
  }

  @Test
  void orMatchesOnSignaturesAndJoinsEqualSeriesOverTime() {
    VectorMatching onInstance =
        new VectorMatching(Cardinality.MANY_TO_MANY, List.of("instance"), true, List.of());
    List<Row> l =
        List.of(row("{group=canary, instance=0}", 301.0), row("{group=canary, instance=1}", 401.0));
    List<Row> r =
        List.of(
            row("http_requests{group=production, instance=0}", 100.0),
            row("vector_matching_a{l=x}", 10.0),
            row("vector_matching_a{l=y}", 20.0));
    assertThat(vv(BinaryOp.OR, false, onInstance, l, r, 1))
        .containsExactly(
            "{group=canary, instance=0} 301",
            "{group=canary, instance=1} 401",
            "vector_matching_a{l=x} 10",
            "vector_matching_a{l=y} 20");
    VectorMatching many = new VectorMatching(Cardinality.MANY_TO_MANY, List.of(), false, List.of());
    VectorMatching onX =
        new VectorMatching(Cardinality.MANY_TO_MANY, List.of("x"), true, List.of());
    List<Row> a = List.of(row("m{x=1}", 1.0, NA));
    List<Row> b = List.of(row("m{x=1}", NA, 2.0));
    assertThat(vv(BinaryOp.OR, false, many, a, b, 2)).containsExactly("m{x=1} 1 2");
    assertThat(vv(BinaryOp.OR, false, onX, a, b, 2)).containsExactly("m{x=1} 1 2");
  }
}
