package io.moraine.logs.logql.ast;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code | unwrap bytes(size) | __error__=""}: the label whose value becomes the sample value.
 *
 * @param label the label unwrapped (removed from the sample's labels)
 * @param conversion how the value is read
 * @param postFilters label filters written after the unwrap, applied to each sample
 */
public record Unwrap(String label, Conversion conversion, List<LabelFilter> postFilters) {
  public Unwrap {
    postFilters = List.copyOf(postFilters);
  }

  /** How an unwrapped value is converted to a float. */
  public enum Conversion {
    /** A plain float. */
    NONE(null),
    /** {@code bytes(x)}: a humanized byte size ({@code 5 MiB}). */
    BYTES("bytes"),
    /** {@code duration(x)}: a Go duration in seconds. */
    DURATION("duration"),
    /** {@code duration_seconds(x)}: the same as duration. */
    DURATION_SECONDS("duration_seconds");

    private final @Nullable String function;

    Conversion(@Nullable String function) {
      this.function = function;
    }

    /** The conversion function's name, or null for none. */
    public @Nullable String function() {
      return function;
    }
  }
}
