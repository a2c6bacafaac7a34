package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * node_exporter's {@code meminfo} collector: one gauge per line of {@code /proc/meminfo}, named
 * {@code node_memory_<field>} with parentheses turned into an underscore ({@code Active(anon)} →
 * {@code Active_anon}); a line with a unit (always {@code kB}) is multiplied by 1024 and gets
 * {@code _bytes} ({@code HugePages_Total} has none). Not thread-safe (the agent serialises
 * scrapes); the family names built for each line are kept while the line's field stays the same.
 */
public final class MeminfoCollector implements Collector {
  private final Path file;
  private final ProcText text = new ProcText();
  private final List<Field> fields = new ArrayList<>();

  /** A line's field name as read and the family written for it. */
  private record Field(byte[] raw, boolean hasUnit, String family, String help, MetricType type) {}

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/meminfo}
   */
  public MeminfoCollector(HostPaths paths) {
    this.file = Objects.requireNonNull(paths, "paths").proc("meminfo");
  }

  @Override
  public String name() {
    return "meminfo";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    text.load(file);
    int index = 0;
    for (; text.hasLine(); text.nextLine()) {
      if (!text.nextToken()) {
        continue; // node_exporter skips empty lines (seen on some CentOS kernels)
      }
      int keyStart = text.tokenStart();
      int keyEnd = text.tokenEnd() - 1; // without the ':'
      text.requireToken("value");
      double value = text.tokenDouble();
      boolean hasUnit = text.nextToken();
      if (hasUnit && text.nextToken()) {
        throw text.fail("expected \"<field>: <value> [kB]\"");
      }
      Field f = field(index++, keyStart, keyEnd, hasUnit);
      out.family(f.family(), f.type(), f.help());
      out.sample(hasUnit ? value * 1024 : value);
    }
  }

  private Field field(int index, int keyStart, int keyEnd, boolean hasUnit) {
    if (index < fields.size()) {
      Field f = fields.get(index);
      if (f.hasUnit() == hasUnit && text.rangeEquals(keyStart, keyEnd, f.raw())) {
        return f;
      }
    }
    String key = metricKey(text.string(keyStart, keyEnd), hasUnit);
    Field f =
        new Field(
            text.copy(keyStart, keyEnd),
            hasUnit,
            "node_memory_" + key,
            "Memory information field " + key + ".",
            key.endsWith("_total") ? MetricType.COUNTER : MetricType.GAUGE);
    if (index < fields.size()) {
      fields.set(index, f);
    } else {
      fields.add(f);
    }
    return f;
  }

  /**
   * node_exporter's name for a field: the text from the first {@code (} to the last {@code )} after
   * it becomes {@code _} and what was inside, then {@code _bytes} when the line has a unit.
   */
  static String metricKey(String field, boolean hasUnit) {
    String key = field;
    int open = key.indexOf('(');
    int close = key.lastIndexOf(')');
    if (open >= 0 && close > open) {
      key =
          key.substring(0, open) + "_" + key.substring(open + 1, close) + key.substring(close + 1);
    }
    return hasUnit ? key + "_bytes" : key;
  }
}
