package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.Grouping;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.SampleExpr;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.ast.VectorAggregation;
import io.moraine.logs.logql.ast.VectorOp;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Short builders of AST records for tests. */
final class Ast {
  static final long S = 1_000_000_000L;

  private Ast() {}

  /** {@code {k="v", ...} | stages}. */
  static LogSelector sel(List<Stage> stages, String... eq) {
    List<Matcher> ms = new ArrayList<>();
    for (int i = 0; i < eq.length; i += 2) {
      ms.add(Matcher.eq(eq[i], eq[i + 1]));
    }
    return new LogSelector(ms, stages);
  }

  static LogSelector sel(String... eq) {
    return sel(List.of(), eq);
  }

  static RangeAggregation range(RangeOp op, LogSelector s, long rangeNanos) {
    return new RangeAggregation(op, new LogRange(s, rangeNanos, 0, null), null, null);
  }

  static RangeAggregation unwrapped(
      RangeOp op,
      LogSelector s,
      String label,
      long rangeNanos,
      @Nullable Double param,
      @Nullable Grouping g) {
    Unwrap u = new Unwrap(label, Unwrap.Conversion.NONE, List.of());
    return new RangeAggregation(op, new LogRange(s, rangeNanos, 0, u), param, g);
  }

  static VectorAggregation agg(VectorOp op, SampleExpr inner, @Nullable Grouping g, int k) {
    return new VectorAggregation(op, inner, g, k);
  }

  static Grouping by(String... names) {
    return new Grouping(false, List.of(names));
  }

  static Grouping without(String... names) {
    return new Grouping(true, List.of(names));
  }
}
