package io.moraine.logs.logql.pipeline;

import io.moraine.core.time.Clock;
import io.moraine.logs.logql.template.TemplateData;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The entry as a template sees it: labels (live, or a snapshot taken by {@link #snapshot()} for
 * label_format, whose templates all read the labels as they were before the stage), the line and
 * the time. Reused; not thread-safe.
 */
final class EntryTemplateData implements TemplateData {
  private final Clock clock;
  private @Nullable Entry entry;
  private @Nullable String line;
  private String @Nullable [] snapshot;
  private int snapshotLength;

  EntryTemplateData(Clock clock) {
    this.clock = clock;
  }

  void bind(Entry e) {
    entry = e;
    line = null;
    snapshot = null;
  }

  void snapshot() {
    Entry e = bound();
    snapshotLength = e.labels.materialize(true);
    snapshot = Arrays.copyOf(e.labels.buffer(), snapshotLength);
  }

  private Entry bound() {
    Entry e = entry;
    if (e == null) {
      throw new IllegalStateException("BUG: template data used before bind");
    }
    return e;
  }

  @Override
  public @Nullable String label(String name) {
    String[] s = snapshot;
    if (s == null) {
      return bound().labels.get(name);
    }
    for (int i = 0; i < snapshotLength; i += 2) {
      if (s[i].equals(name)) {
        return s[i + 1];
      }
    }
    return null;
  }

  @Override
  public String line() {
    String l = line;
    if (l == null) {
      l = bound().lineString();
      line = l;
    }
    return l;
  }

  @Override
  public long timestampNanos() {
    return bound().timestampNanos;
  }

  @Override
  public long nowMillis() {
    return clock.nowMillis();
  }
}
