package io.moraine.core.selfmetrics;

import io.moraine.core.exposition.TextWriter;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count. Thread-safe. */
public final class Counter {
  private final LongAdder count = new LongAdder();
  private final String[] labelValues;

  Counter(String[] labelValues) {
    this.labelValues = labelValues;
  }

  public void inc() {
    count.increment();
  }

  public void add(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("BUG: counters only go up");
    }
    count.add(n);
  }

  public long get() {
    return count.sum();
  }

  /** A counter family; {@link #labels} gets or creates the child for some label values. */
  public static final class Family implements MetricRegistry.Family {
    private final String name;
    private final String help;
    private final Children<Counter> children;

    Family(String name, String help, String[] labelNames) {
      this.name = name;
      this.help = help;
      this.children = new Children<>(labelNames, Counter::new);
      if (labelNames.length == 0) {
        children.get();
      }
    }

    public Counter labels(String... values) {
      return children.get(values);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void write(TextWriter out) throws IOException {
      out.help(name, help);
      out.type(name, "counter");
      for (var e : children.sorted()) {
        out.sample(name, children.labelNames(), e.getValue().labelValues, e.getValue().get());
      }
    }
  }
}
