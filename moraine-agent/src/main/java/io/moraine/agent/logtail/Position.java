package io.moraine.agent.logtail;

/**
 * How far a tailed file has been consumed: {@code offset} bytes of inode {@code inode}, at the end
 * of a complete entry. {@link #REMOVED} marks a file no longer tailed (its position is forgotten).
 */
record Position(long inode, long offset) {
  static final Position REMOVED = new Position(-1, -1);

  boolean removed() {
    return offset < 0;
  }
}
