package io.moraine.server.api.prom;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic data of the query warm-up: a few hundred series shaped like node_exporter's and a
 * request histogram's, for {@link #TARGETS} targets, one sample per {@link #STEP_MILLIS}. Values
 * follow simple deterministic curves (counters grow, gauges wobble), so that rates, quantiles and
 * comparisons have something to compute. Stateless.
 */
final class WarmupSeries {
  /** Enough targets that selectors, joins and {@code by} groupings see dozens of series. */
  static final int TARGETS = 20;

  /** The scrape interval the data imitates. */
  static final long STEP_MILLIS = 10_000;

  private static final String[] DEVICES = {"eth0", "cni0", "lo"};
  private static final String[] MODES = {"user", "system", "idle"};
  private static final String[] HANDLERS = {"/api/v1/query", "/api/v1/query_range"};
  private static final String[] BUCKETS = {"0.1", "0.5", "1", "+Inf"};

  private WarmupSeries() {}

  /** Every series' labels and its kind of curve: 0 a gauge, 1 a counter, 2 a constant. */
  private record Shape(Labels labels, int kind, double scale) {}

  /** The series, in a fixed order. */
  private static List<Shape> shapes() {
    List<Shape> out = new ArrayList<>();
    for (int i = 0; i < TARGETS; i++) {
      String inst = "10.0.0." + (i + 1) + ":9100";
      out.add(new Shape(Labels.of("__name__", "up", "job", "node", "instance", inst), 2, 1));
      out.add(new Shape(node("node_load1", inst), 0, 1 + i % 4));
      out.add(new Shape(node("node_memory_MemAvailable_bytes", inst), 0, 4e9));
      out.add(new Shape(node("node_memory_MemTotal_bytes", inst), 2, 16e9));
      out.add(
          new Shape(
              Labels.of(
                  "__name__",
                  "node_uname_info",
                  "job",
                  "node",
                  "instance",
                  inst,
                  "nodename",
                  "node-" + i),
              2,
              1));
      for (String d : DEVICES) {
        out.add(new Shape(node("node_network_receive_bytes_total", inst, "device", d), 1, 1e5));
      }
      for (int cpu = 0; cpu < 2; cpu++) {
        for (String m : MODES) {
          out.add(
              new Shape(
                  node("node_cpu_seconds_total", inst, "cpu", Integer.toString(cpu), "mode", m),
                  1,
                  0.3));
        }
      }
      for (String h : HANDLERS) {
        for (int b = 0; b < BUCKETS.length; b++) {
          out.add(
              new Shape(
                  node(
                      "http_request_duration_seconds_bucket", inst, "handler", h, "le", BUCKETS[b]),
                  1,
                  2.0 * (b + 1)));
        }
      }
    }
    return out;
  }

  private static Labels node(String name, String instance, String... more) {
    String[] kv = new String[6 + more.length];
    kv[0] = "__name__";
    kv[1] = name;
    kv[2] = "job";
    kv[3] = "node";
    kv[4] = "instance";
    kv[5] = instance;
    System.arraycopy(more, 0, kv, 6, more.length);
    return Labels.of(kv);
  }

  /**
   * Appends every series at each step from {@code startMillis} to {@code endMillis}, one commit per
   * step as a scrape commits.
   *
   * @return the number of series
   */
  static int append(Storage store, long startMillis, long endMillis) {
    List<Shape> shapes = shapes();
    long[] refs = new long[shapes.size()];
    boolean first = true;
    for (long t = startMillis; t <= endMillis; t += STEP_MILLIS) {
      Appender app = store.appender();
      int step = (int) ((t - startMillis) / STEP_MILLIS);
      for (int i = 0; i < refs.length; i++) {
        Shape s = shapes.get(i);
        double v =
            switch (s.kind()) {
              case 0 -> s.scale() * (1.5 + Math.sin(step * 0.1 + i));
              case 1 -> s.scale() * step * (1 + (i % 7) * 0.125);
              default -> s.scale();
            };
        refs[i] = first ? app.append(s.labels(), t, v) : app.append(refs[i], t, v);
      }
      app.commit();
      first = false;
    }
    return refs.length;
  }
}
