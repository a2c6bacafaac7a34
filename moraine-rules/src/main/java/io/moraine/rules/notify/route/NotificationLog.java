package io.moraine.rules.notify.route;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What was last notified for each (group, receiver), as Alertmanager's nflog: the basis of dedup.
 * Written to the {@code nflog} file after every successful delivery (docs/format/notify-state.md).
 * Thread-safe.
 */
final class NotificationLog {
  static final int MAGIC = 0x4D4E464C;

  /** One (group, receiver)'s last delivered notification. */
  record Entry(
      String groupKey,
      String receiver,
      long timestampMillis,
      Set<Long> firing,
      Set<Long> resolved,
      long expiresAtMillis) {
    Entry {
      firing = Set.copyOf(firing);
      resolved = Set.copyOf(resolved);
    }
  }

  private final Path file;
  private final Map<String, Entry> entries = new HashMap<>();

  private NotificationLog(Path file) {
    this.file = file;
  }

  static NotificationLog open(Path file) throws IOException {
    NotificationLog log = new NotificationLog(file);
    for (Entry e : StateFile.read(file, MAGIC, "nflog", NotificationLog::decode)) {
      log.entries.put(key(e.groupKey(), e.receiver()), e);
    }
    return log;
  }

  synchronized @Nullable Entry get(String groupKey, String receiver) {
    return entries.get(key(groupKey, receiver));
  }

  /** Records a delivered notification, replacing the previous entry, and writes the file. */
  synchronized void log(
      String groupKey, String receiver, long now, Set<Long> firing, Set<Long> resolved)
      throws IOException {
    long expires = now + Silences.RETENTION.toMillis();
    entries.put(
        key(groupKey, receiver), new Entry(groupKey, receiver, now, firing, resolved, expires));
    persist();
  }

  /** Drops expired entries; writes the file when any were dropped. */
  synchronized void collectGarbage(long now) throws IOException {
    if (entries.values().removeIf(e -> e.expiresAtMillis() < now)) {
      persist();
    }
  }

  private void persist() throws IOException {
    StateFile.write(file, MAGIC, List.copyOf(entries.values()), NotificationLog::encode);
  }

  private static String key(String groupKey, String receiver) {
    return groupKey + '\u0000' + receiver;
  }

  private static void encode(BinaryWriter out, Entry e) {
    out.str(e.groupKey()).str(e.receiver()).u64(e.timestampMillis());
    out.uvarint(e.firing().size());
    for (long h : e.firing()) {
      out.u64(h);
    }
    out.uvarint(e.resolved().size());
    for (long h : e.resolved()) {
      out.u64(h);
    }
    out.u64(e.expiresAtMillis());
  }

  private static Entry decode(ByteBuffer buf) {
    String groupKey = BinaryReader.str(buf);
    String receiver = BinaryReader.str(buf);
    long ts = buf.getLong();
    Set<Long> firing = new HashSet<>();
    for (int n = BinaryReader.count(buf); n > 0; n--) {
      firing.add(buf.getLong());
    }
    Set<Long> resolved = new HashSet<>();
    for (int n = BinaryReader.count(buf); n > 0; n--) {
      resolved.add(buf.getLong());
    }
    return new Entry(groupKey, receiver, ts, firing, resolved, buf.getLong());
  }
}
