package io.moraine.rules.file;

/** Where a node starts in a rule file: 1-based line and column; {@code 0, 0} when unknown. */
public record Position(int line, int column) {
  public static final Position UNKNOWN = new Position(0, 0);
}
