package io.moraine.core.selfmetrics;

import io.moraine.core.exposition.TextWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * Moraine's own metrics: counters, gauges (set or sampled from a supplier) and histograms, written
 * in the Prometheus text format. Thread-safe; registration is rare, updates are lock-free.
 */
public final class MetricRegistry {
  private final List<Family> families = new CopyOnWriteArrayList<>();

  /** A counter family with the given label names (none for a single counter). */
  public Counter.Family counter(String name, String help, String... labelNames) {
    return register(new Counter.Family(name, help, labelNames));
  }

  /** A gauge family whose children are set by the owner. */
  public Gauge.Family gauge(String name, String help, String... labelNames) {
    return register(new Gauge.Family(name, help, labelNames));
  }

  /** A single gauge read from {@code supplier} at each scrape; the supplier must be thread-safe. */
  public void gauge(String name, String help, DoubleSupplier supplier) {
    register(new SampledGauge(name, help, supplier, "gauge"));
  }

  /** A single counter read from {@code supplier} at each scrape (must never decrease). */
  public void counter(String name, String help, DoubleSupplier supplier) {
    register(new SampledGauge(name, help, supplier, "counter"));
  }

  /**
   * A counter family with one label whose children are read from suppliers at each scrape (for
   * counts a component already keeps, such as rejections by reason).
   */
  public void counter(
      String name, String help, String labelName, java.util.Map<String, DoubleSupplier> children) {
    register(new SampledFamily(name, help, labelName, new java.util.TreeMap<>(children)));
  }

  /** A histogram family with upper bucket bounds (ascending, +Inf added). */
  public Histogram.Family histogram(String name, String help, double[] bounds, String... labels) {
    return register(new Histogram.Family(name, help, bounds, labels));
  }

  private <F extends Family> F register(F f) {
    for (Family existing : families) {
      if (existing.name().equals(f.name())) {
        throw new IllegalStateException("BUG: metric " + f.name() + " registered twice");
      }
    }
    families.add(f);
    return f;
  }

  /** Writes every metric, families in registration order. */
  public void writeTo(TextWriter out) throws IOException {
    for (Family f : new ArrayList<>(families)) {
      f.write(out);
    }
  }

  /** One metric family; implementations are in this package. */
  interface Family {
    String name();

    void write(TextWriter out) throws IOException;
  }

  private record SampledFamily(
      String name, String help, String labelName, java.util.SortedMap<String, DoubleSupplier> kids)
      implements Family {
    @Override
    public void write(TextWriter out) throws IOException {
      out.help(name, help);
      out.type(name, "counter");
      String[] names = {labelName};
      for (var e : kids.entrySet()) {
        out.sample(name, names, new String[] {e.getKey()}, e.getValue().getAsDouble());
      }
    }
  }

  private record SampledGauge(String name, String help, DoubleSupplier supplier, String type)
      implements Family {
    @Override
    public void write(TextWriter out) throws IOException {
      out.help(name, help);
      out.type(name, type);
      out.sample(name, TextWriter.NO_LABELS, TextWriter.NO_LABELS, supplier.getAsDouble());
    }
  }
}
