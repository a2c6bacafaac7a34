package io.moraine.logs.store;

import io.moraine.core.labels.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A per-stream retention period, as Loki's {@code retention_stream}: streams matching every matcher
 * of the selector keep their entries for {@code period}. When several rules match a stream, the
 * highest priority wins; among equal priorities the first in the list.
 *
 * @param selector matchers a stream must all satisfy (at least one)
 * @param period how long matching entries are kept (at least 1 ms)
 * @param priority higher wins
 */
public record RetentionRule(List<Matcher> selector, Duration period, int priority) {
  public RetentionRule {
    selector = List.copyOf(selector);
    Objects.requireNonNull(period, "period");
    if (selector.isEmpty()) {
      throw new IllegalArgumentException("retention rule needs a selector with a matcher");
    }
    if (period.toMillis() < 1) {
      throw new IllegalArgumentException("retention rule period must be at least 1ms: " + period);
    }
  }
}
