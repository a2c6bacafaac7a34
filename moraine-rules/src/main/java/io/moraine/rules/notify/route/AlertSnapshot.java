package io.moraine.rules.notify.route;

import io.moraine.core.encoding.BinaryReader;
import io.moraine.core.encoding.BinaryWriter;
import io.moraine.rules.notify.Alert;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code alerts} file: the router's alerts, so a restart neither loses nor re-sends them. */
final class AlertSnapshot {
  static final int MAGIC = 0x4D414C52;

  private AlertSnapshot() {}

  static List<Alert> read(Path file) throws IOException {
    return StateFile.read(file, MAGIC, "alerts", AlertSnapshot::decode);
  }

  static void write(Path file, List<Alert> alerts) throws IOException {
    StateFile.write(file, MAGIC, alerts, AlertSnapshot::encode);
  }

  private static void encode(BinaryWriter out, Alert a) {
    out.labels(a.labels()).uvarint(a.annotations().size());
    a.annotations().forEach((k, v) -> out.str(k).str(v));
    out.u64(a.startsAtMillis()).u64(a.endsAtMillis()).str(a.generatorUrl());
  }

  private static Alert decode(ByteBuffer buf) {
    var labels = BinaryReader.labels(buf);
    Map<String, String> ann = new TreeMap<>();
    for (int n = BinaryReader.count(buf); n > 0; n--) {
      ann.put(BinaryReader.str(buf), BinaryReader.str(buf));
    }
    long starts = buf.getLong();
    long ends = buf.getLong();
    return new Alert(labels, ann, starts, ends, BinaryReader.str(buf));
  }
}
