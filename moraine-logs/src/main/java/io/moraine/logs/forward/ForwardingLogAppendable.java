package io.moraine.logs.forward;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tee in front of the local store: every entry the inner appender accepted is, once its batch
 * commits, offered to each {@link LokiForwarder}. Entries the inner appender rejects (it throws)
 * and batches rolled back or failing to commit are not forwarded. Thread-safe as the inner
 * appendable is; each appender is confined to one thread as {@link LogAppender} says.
 */
public final class ForwardingLogAppendable implements LogAppendable {
  private final LogAppendable inner;
  private final List<LokiForwarder> forwarders;

  private ForwardingLogAppendable(LogAppendable inner, List<LokiForwarder> forwarders) {
    this.inner = inner;
    this.forwarders = forwarders;
  }

  /**
   * {@code inner} with its accepted entries also sent to {@code forwarders}; {@code inner} itself
   * when there are none. The forwarders stay owned by the caller (who closes them after the last
   * appender is done).
   */
  public static LogAppendable tee(LogAppendable inner, List<LokiForwarder> forwarders) {
    Objects.requireNonNull(inner, "inner");
    if (forwarders.isEmpty()) {
      return inner;
    }
    return new ForwardingLogAppendable(inner, List.copyOf(forwarders));
  }

  @Override
  public LogAppender appender(String tenant) {
    return new Appender(tenant, inner.appender(tenant));
  }

  /** Records accepted entries until commit; not thread-safe. */
  private final class Appender implements LogAppender {
    private final String tenant;
    private final LogAppender inner;
    private final List<ForwardEntry> accepted = new ArrayList<>();

    Appender(String tenant, LogAppender inner) {
      this.tenant = tenant;
      this.inner = inner;
    }

    @Override
    public void append(
        Labels stream, long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
      inner.append(stream, timestampNanos, line, offset, length, metadata);
      accepted.add(
          ForwardEntry.copyOf(tenant, stream, timestampNanos, line, offset, length, metadata));
    }

    @Override
    public int commit() {
      int n;
      try {
        n = inner.commit();
      } catch (RuntimeException e) {
        accepted.clear();
        throw e;
      }
      List<ForwardEntry> batch = accepted.isEmpty() ? List.of() : List.copyOf(accepted);
      accepted.clear();
      for (int i = 0; i < forwarders.size(); i++) {
        forwarders.get(i).offer(batch);
      }
      return n;
    }

    @Override
    public void rollback() {
      accepted.clear();
      inner.rollback();
    }
  }
}
