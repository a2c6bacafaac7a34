package io.moraine.promql.function;

import io.moraine.promql.ast.FunctionSignature;

/**
 * One row of the function table.
 *
 * @param summary one line on what it computes
 * @param impl how the engine evaluates it
 * @param dropsMetricName whether the output drops {@code __name__} (Prometheus 2.42's rule)
 */
public record FunctionDef(
    FunctionSignature signature, String summary, Impl impl, boolean dropsMetricName) {

  public String name() {
    return signature.name();
  }

  /** How a function is evaluated. */
  public sealed interface Impl {}

  /** Over each window of a range vector argument (the one {@code MATRIX} argument). */
  public record Range(RangeFn fn) implements Impl {}

  /**
   * Element-wise over an instant vector argument (the one {@code VECTOR} argument; when the
   * signature lets it be omitted, over {@code vector(time())}).
   *
   * @param emptyWhen when non-null and true for a step's scalar args, the step yields no samples
   *     (clamp with min &gt; max)
   */
  public record Element(ElementFn fn, @org.jspecify.annotations.Nullable ArgsPredicate emptyWhen)
      implements Impl {}

  /** Evaluated by the engine itself, by name (absent, vector, sort, label_replace, ...). */
  public record Special() implements Impl {}

  /** A test on a step's scalar arguments. */
  @FunctionalInterface
  public interface ArgsPredicate {
    boolean test(double[] args);
  }
}
