package io.moraine.core.storage;

/** Something that takes samples. Thread-safe. */
public interface Appendable {
  /** A new appender; the caller owns it and must end it with commit or rollback. */
  Appender appender();
}
