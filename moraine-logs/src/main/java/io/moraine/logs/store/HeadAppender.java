package io.moraine.logs.store;

import io.moraine.core.encoding.BinaryWriter;
import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogEntryRejectedException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of one tenant: entries are checked on append (out-of-order window, stream limit) and
 * staged in WAL record form; {@link #commit()} hands the record to the store, which logs it and
 * applies it to the head. Not thread-safe.
 */
final class HeadAppender implements LogAppender {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

  /** Entries of one stream staged in this batch. */
  private static final class Staged {
    final BinaryWriter entries = new BinaryWriter();
    int count;
    long maxTs = Long.MIN_VALUE;
  }

  private final LogStore store;
  private final String tenant;
  private final Head.Tenant head;
  private final Map<Labels, Staged> staged = new LinkedHashMap<>();
  private int newStreams;
  private boolean done;

  HeadAppender(LogStore store, String tenant, Head.Tenant head) {
    this.store = store;
    this.tenant = tenant;
    this.head = head;
  }

  @Override
  public void append(
      Labels stream, long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(metadata, "metadata");
    Objects.checkFromIndexSize(offset, length, line.length);
    if (done) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
    if (stream.isEmpty()) {
      throw new IllegalArgumentException("a stream needs at least one label");
    }
    Staged s = staged.get(stream);
    MemStream existing = head.streams.get(stream);
    if (s == null && existing == null) {
      if (head.streams.size() + newStreams >= store.options().maxStreamsPerTenant()) {
        store.discards().discard("stream_limit", 1, length);
        throw new LogEntryRejectedException(
            "stream_limit",
            "Maximum active stream limit exceeded, reduce the number of active streams (reduce"
                + " labels or reduce label values), or contact your Loki administrator to see if"
                + " the limit can be increased, user: '"
                + tenant
                + "'");
      }
    }
    long highest =
        Math.max(
            existing == null ? Long.MIN_VALUE : existing.maxTs(),
            s == null ? Long.MIN_VALUE : s.maxTs);
    long windowNanos = store.options().outOfOrderWindow().toNanos();
    if (highest != Long.MIN_VALUE && timestampNanos < highest - windowNanos) {
      store.discards().discard("too_far_behind", 1, length);
      throw new LogEntryRejectedException(
          "too_far_behind",
          "entry for stream '"
              + stream
              + "' has timestamp too old: "
              + format(timestampNanos)
              + ", oldest acceptable timestamp is: "
              + format(highest - windowNanos));
    }
    if (s == null) {
      s = new Staged();
      staged.put(stream, s);
      if (existing == null) {
        newStreams++;
      }
    }
    s.entries.uvarint(io.moraine.core.encoding.Varint.zigzag(timestampNanos));
    s.entries.uvarint(length);
    s.entries.write(line, offset, length);
    s.entries.labels(metadata);
    s.count++;
    s.maxTs = Math.max(s.maxTs, timestampNanos);
  }

  static String format(long nanos) {
    return RFC3339.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)));
  }

  @Override
  public int commit() {
    if (done) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
    done = true;
    if (staged.isEmpty()) {
      return 0;
    }
    BinaryWriter rec = new BinaryWriter();
    rec.u8(Head.ENTRIES).str(tenant).uvarint(staged.size());
    for (Map.Entry<Labels, Staged> e : staged.entrySet()) {
      rec.labels(e.getKey()).uvarint(e.getValue().count);
      byte[] b = e.getValue().entries.toByteArray();
      rec.write(b, 0, b.length);
    }
    staged.clear();
    return store.commit(rec.toByteArray());
  }

  @Override
  public void rollback() {
    done = true;
    staged.clear();
  }
}
