package io.moraine.graph.store;

/** A write's {@code If-Match} tag did not match the graph's current one (HTTP 412). */
public final class PreconditionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String message) {
    super(message);
  }
}
