package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;

/**
 * Runs a pipeline over one stream's entries. Not thread-safe. After {@link #process} returns true,
 * the result line and labels stay valid until the next call: copy what must outlive it.
 */
public interface StreamPipeline {
  /**
   * Processes one entry.
   *
   * @param line the entry's UTF-8 bytes from {@code offset} for {@code length}; not kept
   * @param metadata the entry's structured metadata, added to the result labels
   * @return false when a stage dropped the entry
   */
  boolean process(long timestampNanos, byte[] line, int offset, int length, Labels metadata);

  /** The array holding the result line (the input array when no stage rewrote it). */
  byte[] lineBytes();

  /** Offset of the result line in {@link #lineBytes()}. */
  int lineOffset();

  /** Length of the result line in bytes. */
  int lineLength();

  /**
   * The result labels: the stream's labels, then structured metadata, then labels the stages set or
   * removed ({@code __error__} included). Equal label sets are returned as the same instance for as
   * long as this stream pipeline lives, so callers may group by identity cheaply.
   */
  Labels labels();
}
