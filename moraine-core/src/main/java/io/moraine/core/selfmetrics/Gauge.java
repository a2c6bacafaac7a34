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
  public static final class Family extends ChildFamily<Gauge> {
    Family(String name, String help, String[] labelNames) {
      super(name, help, "gauge", labelNames, Gauge::new);
    }

    @Override
    void writeChild(TextWriter out, Gauge g) throws IOException {
      out.sample(name(), children.labelNames(), g.labelValues, g.get());
    }
  }
}
