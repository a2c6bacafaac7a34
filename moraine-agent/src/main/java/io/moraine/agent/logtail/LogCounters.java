package io.moraine.agent.logtail;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shipper's counters, exposed as the {@code logs} collector ({@code moraine_agent_logs_*}).
 * Thread-safe; counters start at zero and only grow.
 */
public final class LogCounters implements LogMetrics, Collector {
  private static final String[] REASON = {"reason"};

  private final LongAdder entriesSent = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final LongAdder batchesSent = new LongAdder();
  private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong spool = new AtomicLong();

  /** New counters, all zero. */
  public LogCounters() {}

  @Override
  public String name() {
    return "logs";
  }

  @Override
  public void sent(long entries, long lineBytes) {
    entriesSent.add(entries);
    bytesSent.add(lineBytes);
    batchesSent.increment();
  }

  @Override
  public void batchFailed(String reason) {
    failed.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  @Override
  public void dropped(String reason, long entries) {
    dropped.computeIfAbsent(reason, r -> new LongAdder()).add(entries);
  }

  @Override
  public void filesTailed(int n) {
    files.set(n);
  }

  @Override
  public void spoolBytes(long bytes) {
    spool.set(bytes);
  }

  /** Entries acknowledged so far. */
  public long entriesSent() {
    return entriesSent.sum();
  }

  /** Entries dropped so far for {@code reason}. */
  public long dropped(String reason) {
    LongAdder a = dropped.get(reason);
    return a == null ? 0 : a.sum();
  }

  /** Failed push attempts so far for {@code reason}. */
  public long failed(String reason) {
    LongAdder a = failed.get(reason);
    return a == null ? 0 : a.sum();
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    out.family(
        "moraine_agent_logs_entries_sent_total",
        MetricType.COUNTER,
        "Log entries acknowledged by the push endpoint.");
    out.sample(entriesSent.sum());
    out.family(
        "moraine_agent_logs_bytes_sent_total",
        MetricType.COUNTER,
        "Bytes of log lines (uncompressed) acknowledged by the push endpoint.");
    out.sample(bytesSent.sum());
    out.family(
        "moraine_agent_logs_batches_sent_total",
        MetricType.COUNTER,
        "Push requests acknowledged by the push endpoint.");
    out.sample(batchesSent.sum());
    byReason(
        out, "moraine_agent_logs_batches_failed_total", "Failed push attempts, by reason.", failed);
    byReason(
        out,
        "moraine_agent_logs_dropped_entries_total",
        "Log entries that will never be delivered, by reason.",
        dropped);
    out.family("moraine_agent_logs_files_tailed", MetricType.GAUGE, "Log files being tailed now.");
    out.sample(files.get());
    out.family(
        "moraine_agent_logs_spool_bytes",
        MetricType.GAUGE,
        "Bytes of encoded batches waiting in the on-disk spool.");
    out.sample(spool.get());
  }

  private static void byReason(
      MetricWriter out, String name, String help, Map<String, LongAdder> counts)
      throws IOException {
    out.family(name, MetricType.COUNTER, help);
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(counts).entrySet()) {
      out.sample(REASON, new String[] {e.getKey()}, e.getValue().sum());
    }
  }
}
