package io.moraine.graph.store;

/**
 * A write the store refuses as malformed (HTTP 400): a graph name that is not an IRI, a write to
 * the default graph or to the store's reserved names, blank nodes where the store cannot match
 * them.
 */
public final class InvalidWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidWriteException(String message) {
    super(message);
  }
}
