package io.moraine.graph.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Evaluates PromQL for the graph (window summaries, legacy measurements). The server implements it
 * over its PromQL engine; the graph never sees the engine. Thread-safe.
 */
public interface UsageSource {

  /** One element of an instant vector (or the scalar, with no labels). */
  record Sample(Map<String, String> labels, double value) {}

  /**
   * The instant vector (or scalar) of {@code promql} at {@code at}.
   *
   * @throws UsageException when the expression fails (parse error, timeout, limits)
   */
  List<Sample> instant(String promql, Instant at) throws UsageException;

  /** A PromQL evaluation failed; the message says why. */
  final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message, Throwable cause) {
      super(message, cause);
    }

    public UsageException(String message) {
      super(message);
    }
  }
}
