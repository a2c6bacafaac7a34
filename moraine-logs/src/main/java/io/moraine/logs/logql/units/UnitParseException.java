package io.moraine.logs.logql.units;

/** A value that does not parse; the message is the one Go gives (Loki shows it in errors). */
public final class UnitParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UnitParseException(String message) {
    super(message);
  }
}
