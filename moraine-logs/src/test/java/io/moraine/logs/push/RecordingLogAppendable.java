package io.moraine.logs.push;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogEntryRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A store fake: records committed entries; refuses entries whose line matches a predicate. */
final class RecordingLogAppendable implements LogAppendable {
  record Entry(String tenant, Labels stream, long ts, String line, Labels metadata) {}

  final List<Entry> committed = new ArrayList<>();
  Predicate<String> refuse = line -> false;
  int rollbacks;

  @Override
  public LogAppender appender(String tenant) {
    List<Entry> pending = new ArrayList<>();
    return new LogAppender() {
      @Override
      public void append(
          Labels stream, long ts, byte[] line, int offset, int length, Labels metadata) {
        String s = new String(line, offset, length, StandardCharsets.UTF_8);
        if (refuse.test(s)) {
          throw new LogEntryRejectedException("too_far_behind", "entry too far behind: " + s);
        }
        pending.add(new Entry(tenant, stream, ts, s, metadata));
      }

      @Override
      public int commit() {
        synchronized (committed) {
          committed.addAll(pending);
        }
        return pending.size();
      }

      @Override
      public void rollback() {
        rollbacks++;
      }
    };
  }
}
