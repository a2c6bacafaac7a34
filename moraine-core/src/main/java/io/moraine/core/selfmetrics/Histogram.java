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
  public static final class Family extends ChildFamily<Histogram> {
    Family(String name, String help, double[] bounds, String[] labelNames) {
      super(name, help, "histogram", labelNames, v -> new Histogram(checked(bounds), v));
    }

    private static double[] checked(double[] bounds) {
      for (int i = 1; i < bounds.length; i++) {
        if (!(bounds[i] > bounds[i - 1])) {
          throw new IllegalArgumentException(
              "BUG: buckets must ascend: " + Arrays.toString(bounds));
        }
      }
      return bounds.clone();
    }

    @Override
    void writeChild(TextWriter out, Histogram h) throws IOException {
      String[] names = children.labelNames();
      String[] bucketNames = Arrays.copyOf(names, names.length + 1);
      bucketNames[names.length] = "le";
      String[] vals = Arrays.copyOf(h.labelValues, names.length + 1);
      long cumulative = 0;
      for (int i = 0; i <= h.bounds.length; i++) {
        cumulative += h.counts.get(i);
        vals[names.length] = i < h.bounds.length ? TextWriter.formatValue(h.bounds[i]) : "+Inf";
        out.sample(name() + "_bucket", bucketNames, vals, cumulative);
      }
      out.sample(name() + "_sum", names, h.labelValues, h.sum.sum());
      out.sample(name() + "_count", names, h.labelValues, cumulative);
    }
  }
}
