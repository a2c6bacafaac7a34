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
  public static final class Family extends ChildFamily<Counter> {
    Family(String name, String help, String[] labelNames) {
      super(name, help, "counter", labelNames, Counter::new);
    }

    @Override
    void writeChild(TextWriter out, Counter c) throws IOException {
      out.sample(name(), children.labelNames(), c.labelValues, c.get());
    }
  }
}
