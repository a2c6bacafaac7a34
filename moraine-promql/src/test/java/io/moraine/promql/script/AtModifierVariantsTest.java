package io.moraine.promql.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Matcher;
import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.AggregateOp;
import io.moraine.promql.ast.At;
import io.moraine.promql.ast.BinaryExpr;
import io.moraine.promql.ast.BinaryOp;
import io.moraine.promql.ast.Call;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.ast.FunctionSignature;
import io.moraine.promql.ast.MatrixSelector;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.ParenExpr;
import io.moraine.promql.ast.PosRange;
import io.moraine.promql.ast.SubqueryExpr;
import io.moraine.promql.ast.UnaryExpr;
import io.moraine.promql.ast.ValueType;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.script.AtModifierVariants.Variant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which selectors get pinned, and at which times the variants run. */
class AtModifierVariantsTest {
  private static final PosRange P = PosRange.NONE;
  private static final At PIN = At.timestamp(100_000);

  private static VectorSelector sel(String name, @Nullable At at) {
    return new VectorSelector(name, List.of(Matcher.eq("__name__", name)), 60_000, at, P);
  }

  private static Call call(String name, ValueType ret, Expr... args) {
    return new Call(
        new FunctionSignature(name, List.of(ValueType.MATRIX), 0, ret), List.of(args), P);
  }

  @Test
  void selectorsWithoutAFixedTimeArePinnedWhereverTheyAre() {
    Expr e =
        new BinaryExpr(
            BinaryOp.ADD,
            new AggregateExpr(
                AggregateOp.TOPK,
                new ParenExpr(
                    call("rate", ValueType.VECTOR, new MatrixSelector(sel("a", null), 300_000, P)),
                    P),
                new NumberLiteral(2, P),
                List.of("job"),
                false,
                P),
            new UnaryExpr(true, sel("b", At.START), P),
            null,
            false,
            P);
    Expr expected =
        new BinaryExpr(
            BinaryOp.ADD,
            new AggregateExpr(
                AggregateOp.TOPK,
                new ParenExpr(
                    call("rate", ValueType.VECTOR, new MatrixSelector(sel("a", PIN), 300_000, P)),
                    P),
                new NumberLiteral(2, P),
                List.of("job"),
                false,
                P),
            new UnaryExpr(true, sel("b", PIN), P),
            null,
            false,
            P);
    assertThat(AtModifierVariants.pin(e, PIN)).isEqualTo(expected);
  }

  @Test
  void aFixedTimeIsKeptAndSubqueriesArePinnedButNotTheirInsides() {
    VectorSelector fixed = sel("c", At.timestamp(5_000));
    assertThat(AtModifierVariants.pin(fixed, PIN)).isEqualTo(fixed);

    SubqueryExpr sq = new SubqueryExpr(sel("d", null), 600_000, 60_000, 0, At.END, P);
    assertThat(AtModifierVariants.pin(sq, PIN))
        .isEqualTo(new SubqueryExpr(sel("d", null), 600_000, 60_000, 0, PIN, P));
    SubqueryExpr fixedSq = new SubqueryExpr(sel("d", null), 600_000, 60_000, 0, At.timestamp(1), P);
    assertThat(AtModifierVariants.pin(fixedSq, PIN)).isEqualTo(fixedSq);
  }

  @Test
  void evaluationTimesFollowPrometheus() {
    Expr e = sel("a", null);
    assertThat(AtModifierVariants.of(e, 100_000))
        .extracting(Variant::evalMillis)
        .containsExactly(-1_000_000L, 0L, 20_000L, 100_000L, 1_000_000L);
    assertThat(AtModifierVariants.of(e, 0))
        .extracting(Variant::evalMillis)
        .containsExactly(-1_000L, 0L, 1_000L);
    assertThat(AtModifierVariants.of(e, 7))
        .extracting(Variant::evalMillis)
        .as("integer division, as Go's int64")
        .containsExactly(-70L, 0L, 1L, 7L, 70L);
    assertThat(AtModifierVariants.of(e, 100_000))
        .allSatisfy(
            v -> {
              assertThat(v.expr()).isEqualTo(sel("a", PIN));
              assertThat(v.pinnedMillis()).isEqualTo(100_000L);
            });
  }

  @Test
  void timeDependentCallsAnywhereMeanNoVariants() {
    for (String f : List.of("time", "timestamp", "hour", "predict_linear", "days_in_month")) {
      Expr inSubquery =
          new SubqueryExpr(call(f, ValueType.VECTOR, sel("a", null)), 600_000, 0, 0, null, P);
      assertThat(AtModifierVariants.of(inSubquery, 100_000)).as(f).isEmpty();
    }
    assertThat(AtModifierVariants.of(call("abs", ValueType.VECTOR, sel("a", null)), 100_000))
        .hasSize(5);
  }
}
