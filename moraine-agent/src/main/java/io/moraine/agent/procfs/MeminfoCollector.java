package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
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
  private final LineNames<Field> fields = new LineNames<>();

  /** The family written for a line's field. */
  private record Field(boolean hasUnit, String family, String help, MetricType type) {}

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
    Field f = fields.get(text, index, keyStart, keyEnd);
    if (f != null && f.hasUnit() == hasUnit) {
      return f;
    }
    String key = metricKey(text.string(keyStart, keyEnd), hasUnit);
    return fields.put(
        text,
        index,
        keyStart,
        keyEnd,
        new Field(
            hasUnit,
            "node_memory_" + key,
            "Memory information field " + key + ".",
            key.endsWith("_total") ? MetricType.COUNTER : MetricType.GAUGE));
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
