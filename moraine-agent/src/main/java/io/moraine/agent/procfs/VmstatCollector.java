package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * node_exporter's {@code vmstat} collector: an untyped {@code node_vmstat_<field>} for each line of
 * {@code /proc/vmstat} whose field the filter finds (node_exporter's {@code
 * --collector.vmstat.fields}, searched like Go's {@code MatchString}, so anchor it with {@code ^}).
 * The filter runs once per new field name, not on every scrape. Not thread-safe (the agent
 * serialises scrapes).
 */
public final class VmstatCollector implements Collector {
  /** node_exporter 1.5.0's default {@code --collector.vmstat.fields}. */
  public static final Pattern DEFAULT_FIELDS = Pattern.compile("^(oom_kill|pgpg|pswp|pg.*fault).*");

  private final Path file;
  private final Pattern fields;
  private final ProcText text = new ProcText();
  private final LineNames<Field> known = new LineNames<>();

  /** A line's family, or null when the filter leaves it out. */
  private record Field(@Nullable String family, String help) {}

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/vmstat}
   * @param fields which fields to write, e.g. {@link #DEFAULT_FIELDS}
   */
  public VmstatCollector(HostPaths paths, Pattern fields) {
    this.file = Objects.requireNonNull(paths, "paths").proc("vmstat");
    this.fields = Objects.requireNonNull(fields, "fields");
  }

  /**
   * A collector with node_exporter's default field filter.
   *
   * @param paths where procfs is mounted; reads {@code <procfs>/vmstat}
   */
  public VmstatCollector(HostPaths paths) {
    this(paths, DEFAULT_FIELDS);
  }

  @Override
  public String name() {
    return "vmstat";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    text.load(file);
    int index = 0;
    for (; text.hasLine(); text.nextLine()) {
      if (!text.nextToken()) {
        continue;
      }
      Field f = field(index++, text.tokenStart(), text.tokenEnd());
      text.requireToken("value");
      double value = text.tokenDouble();
      String family = f.family();
      if (family != null) {
        out.family(family, MetricType.UNTYPED, f.help());
        out.sample(value);
      }
    }
  }

  private Field field(int index, int from, int to) {
    Field f = known.get(text, index, from, to);
    if (f != null) {
      return f;
    }
    String name = text.string(from, to);
    boolean wanted = fields.matcher(name).find();
    return known.put(
        text,
        index,
        from,
        to,
        new Field(
            wanted ? "node_vmstat_" + name : null, "/proc/vmstat information field " + name + "."));
  }
}
