package io.moraine.ingest.relabel;

import io.moraine.core.labels.Labels;
import org.jspecify.annotations.Nullable;

/**
 * {@code keepequal} and {@code dropequal}: compares the source value with the target label's value
 * ("" when absent); the set survives when equality equals {@code keep}.
 */
record EqualStep(Source source, String target, boolean keep) implements Step {
  @Override
  public @Nullable Labels apply(Labels in) {
    return source.value(in).equals(in.getOrEmpty(target)) == keep ? in : null;
  }
}
