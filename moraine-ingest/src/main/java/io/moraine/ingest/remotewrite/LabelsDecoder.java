package io.moraine.ingest.remotewrite;

import static io.moraine.ingest.proto.WireReader.LENGTH_DELIMITED;

import io.moraine.core.labels.InvalidLabelsException;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.ingest.proto.WireReader;
import org.jspecify.annotations.Nullable;

/**
 * Turns the label fields of a series met for the first time into validated {@link Labels}, with
 * Prometheus 2.42's rules: labels are sorted by name whatever the order sent, empty values are
 * dropped, a repeated name is refused ({@code label name "x" is not unique}); and Moraine's: names,
 * the metric name and UTF-8 are checked with {@link LabelValidation}. Thread-safe; runs only for
 * series not in the cache.
 */
final class LabelsDecoder {
  private final Symbols symbols;

  LabelsDecoder(Symbols symbols) {
    this.symbols = symbols;
  }

  /**
   * The labels of {@code count} {@code Label} messages; {@code ranges} holds, per label, the tag
   * offset, the payload offset and the payload end in {@code buf}.
   *
   * @throws RemoteWriteException.InvalidSeries naming the offending label
   * @throws io.moraine.ingest.proto.WireFormatException when a label message is malformed
   */
  Labels decode(byte[] buf, int[] ranges, int count) {
    String[] kv = new String[2 * count];
    int n = 0;
    ByteKey probe = new ByteKey();
    for (int i = 0; i < count; i++) {
      int start = ranges[3 * i + 1];
      WireReader r = new WireReader(buf, start, ranges[3 * i + 2] - start);
      String name = "";
      String value = "";
      while (r.next()) {
        switch (r.field()) {
          case 1 -> name = string(r, probe, "Label.name", null);
          case 2 -> value = string(r, probe, "Label.value", name);
          default -> r.skip();
        }
      }
      if (!value.isEmpty()) {
        kv[2 * n] = name;
        kv[2 * n + 1] = value;
        n++;
      }
    }
    String[] sorted = sortByName(kv, n);
    for (int i = 2; i < sorted.length; i += 2) {
      if (sorted[i].equals(sorted[i - 2])) {
        throw new RemoteWriteException.InvalidSeries(
            "label name \"" + sorted[i] + "\" is not unique: invalid sample");
      }
    }
    Labels labels = Labels.ofSorted(sorted);
    try {
      LabelValidation.validate(labels);
    } catch (InvalidLabelsException e) {
      throw new RemoteWriteException.InvalidSeries(String.valueOf(e.getMessage()));
    }
    return labels;
  }

  private String string(WireReader r, ByteKey probe, String field, @Nullable String name) {
    r.expect(LENGTH_DELIMITED, field);
    int len = r.length();
    int off = r.position();
    r.seek(off + len);
    String s = symbols.intern(probe.set(r.array(), off, len));
    if (s == null) {
      throw new RemoteWriteException.InvalidSeries(
          name == null
              ? "a label name is not valid UTF-8"
              : "label " + name + " has a value that is not valid UTF-8");
    }
    return s;
  }

  /**
   * The first {@code n} name/value pairs of {@code kv}, sorted by name (insertion sort: n is
   * small).
   */
  private static String[] sortByName(String[] kv, int n) {
    String[] out = new String[2 * n];
    for (int i = 0; i < n; i++) {
      String name = kv[2 * i];
      String value = kv[2 * i + 1];
      int j = i;
      while (j > 0 && out[2 * (j - 1)].compareTo(name) > 0) {
        out[2 * j] = out[2 * (j - 1)];
        out[2 * j + 1] = out[2 * (j - 1) + 1];
        j--;
      }
      out[2 * j] = name;
      out[2 * j + 1] = value;
    }
    return out;
  }
}
