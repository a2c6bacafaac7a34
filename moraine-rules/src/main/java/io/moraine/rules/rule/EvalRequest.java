package io.moraine.rules.rule;

import io.moraine.rules.notify.AlertStateListener;
import java.util.Objects;

/**
 * One evaluation of one rule.
 *
 * @param timeMillis the group's evaluation timestamp (ms): alerts' {@code activeAt}, {@code for}
 *     and templates use it
 * @param queryOffsetMillis how far before {@code timeMillis} the expression is evaluated; outputs
 *     are written at {@code timeMillis - queryOffsetMillis}
 * @param limit the group's limit on output series or alerts (0: none)
 * @param queries runs the expression and the templates' {@code query}
 * @param listener hears alert state changes (ignored by recording rules)
 */
public record EvalRequest(
    long timeMillis,
    long queryOffsetMillis,
    int limit,
    InstantQueries queries,
    AlertStateListener listener) {
  public EvalRequest {
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(listener, "listener");
    if (queryOffsetMillis < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "query offset and limit must not be negative: " + queryOffsetMillis + ", " + limit);
    }
  }

  /** The time the expression is evaluated at and outputs are written at. */
  public long queryTimeMillis() {
    return timeMillis - queryOffsetMillis;
  }
}
