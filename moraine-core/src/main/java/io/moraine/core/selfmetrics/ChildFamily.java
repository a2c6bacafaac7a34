package io.moraine.core.selfmetrics;

import io.moraine.core.exposition.TextWriter;
import java.io.IOException;
import java.util.function.Function;

/** What the counter, gauge and histogram families share: name, help and labelled children. */
abstract class ChildFamily<C> implements MetricRegistry.Family {
  private final String name;
  private final String help;
  private final String type;
  final Children<C> children;

  ChildFamily(String name, String help, String type, String[] labelNames, Function<String[], C> f) {
    this.name = name;
    this.help = help;
    this.type = type;
    this.children = new Children<>(labelNames, f);
    if (labelNames.length == 0) {
      children.get();
    }
  }

  /** The child for these label values, created on first use. */
  public C labels(String... values) {
    return children.get(values);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void write(TextWriter out) throws IOException {
    out.help(name, help);
    out.type(name, type);
    for (var e : children.sorted()) {
      writeChild(out, e.getValue());
    }
  }

  /** Writes one child's sample lines. */
  abstract void writeChild(TextWriter out, C child) throws IOException;
}
