package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import org.jspecify.annotations.Nullable;

/** {@code keep} and {@code drop}: the set survives when the match result equals {@code keep}. */
record MatchStep(Source source, ValueMatcher matcher, boolean keep) implements Step {
  @Override
  public @Nullable Labels apply(Labels in) {
    return matcher.matches(source.value(in)) == keep ? in : null;
  }
}
