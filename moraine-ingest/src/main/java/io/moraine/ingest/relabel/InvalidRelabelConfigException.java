package io.moraine.ingest.relabel;

/**
 * A relabel configuration that Prometheus would refuse: a missing or invalid field for its action,
 * an unknown action, or a regular expression that does not compile. The message is Prometheus's
 * where Prometheus has one.
 */
public final class InvalidRelabelConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRelabelConfigException(String message) {
    super(message);
  }
}
