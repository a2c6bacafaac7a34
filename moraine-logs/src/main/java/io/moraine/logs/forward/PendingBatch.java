package io.moraine.logs.forward;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one tenant gathered for one push, grouped by stream in arrival order; {@link
 * PushRequestEncoder} makes the request body of it. Not thread-safe: owned by the sender thread.
 */
public final class PendingBatch {
  private final String tenant;
  private final long createdNanos;
  private final Map<Labels, Stream> streams = new LinkedHashMap<>();
  private long bytes;
  private int entries;

  /**
   * @param createdNanos when the batch was started (monotonic clock), for its maximum wait
   */
  public PendingBatch(String tenant, long createdNanos) {
    this.tenant = tenant;
    this.createdNanos = createdNanos;
  }

  /** The tenant sent as {@code X-Scope-OrgID}. */
  String tenant() {
    return tenant;
  }

  long createdNanos() {
    return createdNanos;
  }

  /** The sum of the entries' {@link ForwardEntry#sizeBytes()}. */
  public long bytes() {
    return bytes;
  }

  /** The number of entries. */
  public int entries() {
    return entries;
  }

  /** Appends {@code e} to its stream's entries, the stream after the others when it is new. */
  public void add(ForwardEntry e) {
    Stream s = streams.get(e.stream());
    if (s == null) {
      s = new Stream(labelString(e.stream()), new ArrayList<>());
      streams.put(e.stream(), s);
    }
    s.entries().add(e);
    bytes += e.sizeBytes();
    entries++;
  }

  Collection<Stream> streams() {
    return streams.values();
  }

  /**
   * One stream of the batch.
   *
   * @param labels the label set as Loki's push body carries it: {@code {a="b", c="d"}}
   */
  record Stream(String labels, List<ForwardEntry> entries) {}

  /** Loki's (Prometheus') label-set string: names unquoted, values Go-quoted, ", " between. */
  static String labelString(Labels labels) {
    StringBuilder sb = new StringBuilder(labels.size() * 24).append('{');
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(labels.name(i)).append('=');
      GoQuote.appendQuoted(sb, labels.value(i), '"');
    }
    return sb.append('}').toString();
  }
}
