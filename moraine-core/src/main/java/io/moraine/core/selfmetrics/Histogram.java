package io.moraine.core.selfmetrics;

import io.moraine.core.exposition.TextWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/** A classic Prometheus histogram with fixed buckets. Thread-safe. */
public final class Histogram {
  private final double[] bounds;
  private final AtomicLongArray counts;
  private final DoubleAdder sum = new DoubleAdder();
  private final String[] labelValues;

  Histogram(double[] bounds, String[] labelValues) {
    this.bounds = bounds;
    this.counts = new AtomicLongArray(bounds.length + 1);
    this.labelValues = labelValues;
  }

  public void observe(double v) {
    int i = 0;
    while (i < bounds.length && v > bounds[i]) {
      i++;
    }
    counts.incrementAndGet(i);
    sum.add(v);
  }

  /** A histogram family. */
  public static final class Family implements MetricRegistry.Family {
    private final String name;
    private final String help;
    private final double[] bounds;
    private final Children<Histogram> children;

    Family(String name, String help, double[] bounds, String[] labelNames) {
      this.name = name;
      this.help = help;
      this.bounds = bounds.clone();
      for (int i = 1; i < bounds.length; i++) {
        if (!(bounds[i] > bounds[i - 1])) {
          throw new IllegalArgumentException(
              "BUG: buckets must ascend: " + Arrays.toString(bounds));
        }
      }
      this.children = new Children<>(labelNames, v -> new Histogram(this.bounds, v));
      if (labelNames.length == 0) {
        children.get();
      }
    }

    public Histogram labels(String... values) {
      return children.get(values);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void write(TextWriter out) throws IOException {
      out.help(name, help);
      out.type(name, "histogram");
      String[] names = children.labelNames();
      String[] bucketNames = Arrays.copyOf(names, names.length + 1);
      bucketNames[names.length] = "le";
      for (var e : children.sorted()) {
        Histogram h = e.getValue();
        String[] vals = Arrays.copyOf(h.labelValues, names.length + 1);
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
          cumulative += h.counts.get(i);
          vals[names.length] = i < bounds.length ? TextWriter.formatValue(bounds[i]) : "+Inf";
          out.sample(name + "_bucket", bucketNames, vals, cumulative);
        }
        out.sample(name + "_sum", names, h.labelValues, h.sum.sum());
        out.sample(name + "_count", names, h.labelValues, cumulative);
      }
    }
  }
}
