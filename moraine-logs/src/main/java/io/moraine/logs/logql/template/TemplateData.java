package io.moraine.logs.logql.template;

import org.jspecify.annotations.Nullable;

/**
 * What a template reads while it runs: the labels (as {@code .name}), the current line ({@code
 * __line__}), the entry's time ({@code __timestamp__}) and the clock ({@code now}). Implementations
 * are called from the executing thread only.
 */
public interface TemplateData {
  /** The label's value, or null when absent (a missing key reads as the empty string). */
  @Nullable String label(String name);

  /** The entry's current line. */
  String line();

  /** The entry's timestamp in nanoseconds since the epoch. */
  long timestampNanos();

  /** Wall-clock time for {@code now}, in milliseconds since the epoch. */
  long nowMillis();
}
