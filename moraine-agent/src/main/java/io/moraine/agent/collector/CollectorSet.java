package io.moraine.agent.collector;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled collectors of one agent, run one after another for each scrape, followed by {@code
 * moraine_agent_collector_duration_seconds{collector}} and {@code
 * moraine_agent_collector_success{collector}}. A collector that throws reports success 0 and the
 * others still run; its failure is logged at warn when its message changes and at debug otherwise,
 * so that a permanently missing file does not flood the log every 15 seconds.
 *
 * <p>Thread-safe: scrapes are serialised, so collectors never run concurrently with themselves.
 */
public final class CollectorSet {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorSet.class);
  private static final String[] COLLECTOR = {"collector"};

  private final List<Collector> collectors;
  private final LongSupplier nanoTime;
  private final double[] seconds;
  private final boolean[] success;
  private final Map<String, String> lastFailure = new HashMap<>();

  /**
   * @param collectors the enabled collectors, in the order they run (names must be unique)
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} in production)
   */
  public CollectorSet(List<Collector> collectors, LongSupplier nanoTime) {
    this.collectors = List.copyOf(collectors);
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.seconds = new double[this.collectors.size()];
    this.success = new boolean[this.collectors.size()];
    Map<String, Boolean> seen = new HashMap<>();
    for (Collector c : this.collectors) {
      if (seen.put(c.name(), Boolean.TRUE) != null) {
        throw new IllegalArgumentException("collector " + c.name() + " given twice");
      }
    }
  }

  /** The collectors' names in order. */
  public List<String> names() {
    return collectors.stream().map(Collector::name).toList();
  }

  /** Runs every collector into {@code out}, then writes the per-collector figures. */
  public synchronized void collect(MetricWriter out) throws IOException {
    for (int i = 0; i < collectors.size(); i++) {
      Collector c = collectors.get(i);
      long start = nanoTime.getAsLong();
      boolean ok;
      try {
        c.collect(out);
        ok = true;
        lastFailure.remove(c.name());
      } catch (IOException | RuntimeException e) {
        ok = false;
        logFailure(c.name(), e);
      }
      seconds[i] = (nanoTime.getAsLong() - start) / 1e9;
      success[i] = ok;
    }
    out.family(
        "moraine_agent_collector_duration_seconds",
        MetricType.GAUGE,
        "moraine_agent: Duration of a collector scrape.");
    for (int i = 0; i < collectors.size(); i++) {
      out.sample(COLLECTOR, new String[] {collectors.get(i).name()}, seconds[i]);
    }
    out.family(
        "moraine_agent_collector_success",
        MetricType.GAUGE,
        "moraine_agent: Whether a collector succeeded.");
    for (int i = 0; i < collectors.size(); i++) {
      out.sample(COLLECTOR, new String[] {collectors.get(i).name()}, success[i] ? 1 : 0);
    }
  }

  private void logFailure(String name, Exception e) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (!message.equals(lastFailure.put(name, message))) {
      LOG.atWarn()
          .addKeyValue("collector", name)
          .addKeyValue("err", message)
          .log("collector failed; it reports success 0 until it recovers");
    } else {
      LOG.atDebug()
          .addKeyValue("collector", name)
          .addKeyValue("err", message)
          .log("collector failed");
    }
  }
}
