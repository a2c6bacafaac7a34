package io.moraine.core.labels;

/** A matcher that cannot be built, such as a regex that does not compile. */
public final class InvalidMatcherException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidMatcherException(String message) {
    super(message);
  }
}
