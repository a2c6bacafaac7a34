package io.moraine.core.selfmetrics;

import io.moraine.core.exposition.TextWriter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** A value that goes up and down. Thread-safe. */
public final class Gauge {
  private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0));
  private final String[] labelValues;

  Gauge(String[] labelValues) {
    this.labelValues = labelValues;
  }

  public void set(double v) {
    bits.set(Double.doubleToRawLongBits(v));
  }

  public void add(double d) {
    bits.updateAndGet(b -> Double.doubleToRawLongBits(Double.longBitsToDouble(b) + d));
  }

  public double get() {
    return Double.longBitsToDouble(bits.get());
  }

  /** A gauge family. */
  public static final class Family implements MetricRegistry.Family {
    private final String name;
    private final String help;
    private final Children<Gauge> children;

    Family(String name, String help, String[] labelNames) {
      this.name = name;
      this.help = help;
      this.children = new Children<>(labelNames, Gauge::new);
      if (labelNames.length == 0) {
        children.get();
      }
    }

    public Gauge labels(String... values) {
      return children.get(values);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void write(TextWriter out) throws IOException {
      out.help(name, help);
      out.type(name, "gauge");
      for (var e : children.sorted()) {
        out.sample(name, children.labelNames(), e.getValue().labelValues, e.getValue().get());
      }
    }
  }
}
