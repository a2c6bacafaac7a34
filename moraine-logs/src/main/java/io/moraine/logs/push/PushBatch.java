package io.moraine.logs.push;

import java.util.List;

/**
 * A decoded push request: its streams, whose lines are slices of {@link #data()}. Neutral to the
 * wire format it came from. Read-only once built; the data array is owned by the batch (for
 * snappy-compressed protobuf it is the decompressed body itself, lines are not copied).
 */
public final class PushBatch {
  private final byte[] data;
  private final List<PushStream> streams;

  PushBatch(byte[] data, List<PushStream> streams) {
    this.data = data;
    this.streams = List.copyOf(streams);
  }

  /** The bytes the streams' lines are slices of. */
  public byte[] data() {
    return data;
  }

  /** The streams in the order they were sent (OTLP: one per distinct label set). */
  public List<PushStream> streams() {
    return streams;
  }

  /** Number of entries in all streams. */
  public int entryCount() {
    int n = 0;
    for (PushStream s : streams) {
      n += s.size();
    }
    return n;
  }

  /** Sum of the line lengths in bytes of all entries. */
  public long lineBytes() {
    long n = 0;
    for (PushStream s : streams) {
      for (int i = 0; i < s.size(); i++) {
        n += s.lineLength(i);
      }
    }
    return n;
  }
}
