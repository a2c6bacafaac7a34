package io.moraine.rules.rule;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Queryable;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.QueryContext;
import io.moraine.promql.engine.QueryException;
import io.moraine.promql.parser.Parser;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.rules.template.QueryFunc;
import io.moraine.rules.template.QuerySample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs rule expressions as instant queries, as Prometheus's {@code EngineQueryFunc}: a vector comes
 * back as it is, a scalar as one sample without labels, anything else fails. Thread-safe when the
 * engine and the queryable are.
 */
public final class InstantQueries {
  /** Prometheus's default {@code --query.timeout}: rule queries run under the same deadline. */
  private static final long TIMEOUT_NANOS = 120_000_000_000L;

  private final Engine engine;
  private final Queryable queryable;

  public InstantQueries(Engine engine, Queryable queryable) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.queryable = Objects.requireNonNull(queryable, "queryable");
  }

  /**
   * Evaluates {@code expr} at {@code timeMillis}.
   *
   * @return the samples, each stamped {@code timeMillis}; the list is owned by the caller
   * @throws RuleEvalException with the engine's message when the query fails, or when the result is
   *     a string or a range vector
   */
  public List<Sample> vector(Expr expr, long timeMillis) throws RuleEvalException {
    QueryValue v;
    try {
      v = engine.instant(queryable, expr, timeMillis, QueryContext.withTimeout(TIMEOUT_NANOS));
    } catch (QueryException e) {
      throw new RuleEvalException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
    return switch (v) {
      case InstantVector iv -> new ArrayList<>(iv.samples());
      case Scalar s -> new ArrayList<>(List.of(new Sample(Labels.EMPTY, s.t(), s.v())));
      default -> throw new RuleEvalException("rule result is not a vector or scalar");
    };
  }

  /** The templates' {@code query} function over the same engine and store. */
  public QueryFunc templateQuery() {
    return (promql, timeMillis) -> {
      List<Sample> samples = vector(Parser.parse(promql), timeMillis);
      List<QuerySample> out = new ArrayList<>(samples.size());
      for (Sample s : samples) {
        out.add(new QuerySample(s.labels().toMap(), s.v()));
      }
      return out;
    };
  }
}
