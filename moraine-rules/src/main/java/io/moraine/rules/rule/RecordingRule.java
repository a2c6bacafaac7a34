package io.moraine.rules.rule;

import io.moraine.core.labels.Labels;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.value.Sample;
import io.moraine.rules.file.RecordingRuleSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recording rule: its expression's result renamed to the record name, with the rule's labels set
 * over the result's. Thread-safe.
 */
public final class RecordingRule extends Rule {
  private final RecordingRuleSpec spec;

  RecordingRule(RecordingRuleSpec spec, Expr expr) {
    super(spec, expr);
    this.spec = spec;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fails with Prometheus's messages when two outputs end with the same label set or when there
   * are more than {@code limit} of them.
   */
  @Override
  public List<Sample> eval(EvalRequest request) throws RuleEvalException {
    List<Sample> result = request.queries().vector(expr(), request.queryTimeMillis());
    Set<Labels> seen = new HashSet<>(result.size() * 2);
    for (int i = 0; i < result.size(); i++) {
      Sample s = result.get(i);
      Labels.Builder b = s.labels().toBuilder().add(Labels.METRIC_NAME, spec.record());
      spec.labels().forEach(b::add);
      Labels out = b.build();
      if (!seen.add(out)) {
        throw new RuleEvalException(
            "vector contains metrics with the same labelset after applying rule labels");
      }
      result.set(i, new Sample(out, s.t(), s.v()));
    }
    int limit = request.limit();
    if (limit > 0 && result.size() > limit) {
      throw new RuleEvalException(
          "exceeded limit of " + limit + " with " + result.size() + " series");
    }
    return result;
  }

  @Override
  public String toString() {
    return "record: " + name() + " expr: " + query();
  }
}
