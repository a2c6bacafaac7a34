package io.moraine.agent.logtail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects entries per stream, in arrival order, and the position updates they imply, until the
 * tailer seals them into a {@link SpooledBatch}. Not thread-safe: owned by the tailer thread.
 */
final class BatchBuilder {
  private static final class Stream {
    long[] times = new long[16];
    final List<byte[]> lines = new ArrayList<>();
  }

  private final PushEncoder encoder = new PushEncoder();
  private final Map<String, Stream> streams = new LinkedHashMap<>();
  private final Map<String, Position> positions = new LinkedHashMap<>();
  private int entries;
  private long lineBytes;
  private long openedAtNanos;

  /** Adds one entry to the stream {@code labels}; {@code nowNanos} is the monotonic clock. */
  void add(String labels, long timeNanos, byte[] line, long nowNanos) {
    if (isEmpty()) {
      openedAtNanos = nowNanos;
    }
    Stream s = streams.computeIfAbsent(labels, l -> new Stream());
    int n = s.lines.size();
    if (n == s.times.length) {
      s.times = Arrays.copyOf(s.times, n * 2);
    }
    s.times[n] = timeNanos;
    s.lines.add(line);
    entries++;
    lineBytes += line.length;
  }

  /** Records where {@code path} stands once the entries added so far are delivered. */
  void position(String path, Position p, long nowNanos) {
    if (isEmpty()) {
      openedAtNanos = nowNanos;
    }
    positions.put(path, p);
  }

  boolean isEmpty() {
    return entries == 0 && positions.isEmpty();
  }

  long lineBytes() {
    return lineBytes;
  }

  /** When the first entry or position of this batch came, on the monotonic clock. */
  long openedAtNanos() {
    return openedAtNanos;
  }

  /** Encodes what was collected as batch {@code seq} and starts a new, empty batch. */
  SpooledBatch seal(long seq) {
    List<PushEncoder.StreamEntries> list = new ArrayList<>(streams.size());
    for (Map.Entry<String, Stream> e : streams.entrySet()) {
      Stream s = e.getValue();
      list.add(
          new PushEncoder.StreamEntries(
              e.getKey(), Arrays.copyOf(s.times, s.lines.size()), s.lines));
    }
    byte[] body = entries == 0 ? new byte[0] : encoder.encode(list);
    SpooledBatch b = new SpooledBatch(seq, entries, lineBytes, Map.copyOf(positions), body);
    streams.clear();
    positions.clear();
    entries = 0;
    lineBytes = 0;
    return b;
  }
}
