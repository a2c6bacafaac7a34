package io.moraine.logs.forward;

import io.moraine.core.labels.Labels;

/**
 * One accepted entry on its way to the remote Lokis. Immutable once made: the line array is a
 * private copy that nobody writes to, so one entry is shared by every forwarder.
 *
 * @param tenant the tenant the entry was pushed as
 * @param sizeBytes the line's bytes plus the characters of its structured metadata, the unit of
 *     batch sizes and queue capacity
 */
public record ForwardEntry(
    String tenant,
    Labels stream,
    long timestampNanos,
    byte[] line,
    Labels metadata,
    long sizeBytes) {

  /** An entry of a copy of {@code line[offset, offset + length)}. */
  public static ForwardEntry copyOf(
      String tenant,
      Labels stream,
      long timestampNanos,
      byte[] line,
      int offset,
      int length,
      Labels metadata) {
    byte[] copy = new byte[length];
    System.arraycopy(line, offset, copy, 0, length);
    long size = length;
    for (int i = 0; i < metadata.size(); i++) {
      size += metadata.name(i).length() + metadata.value(i).length();
    }
    return new ForwardEntry(tenant, stream, timestampNanos, copy, metadata, size);
  }
}
