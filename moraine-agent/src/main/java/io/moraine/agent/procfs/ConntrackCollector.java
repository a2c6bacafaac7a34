package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * node_exporter 1.5.0's {@code conntrack} collector: {@code node_nf_conntrack_entries} and {@code
 * _entries_limit} from procfs {@code sys/net/netfilter/nf_conntrack_{count,max}}, then the {@code
 * node_nf_conntrack_stat_*} gauges summed over the per-CPU lines of {@code net/stat/nf_conntrack}
 * (seventeen hexadecimal columns each). Like node_exporter it stops at the first missing file
 * (conntrack not loaded) and keeps what it wrote before: no error. Not thread-safe (the agent
 * serialises scrapes).
 */
public final class ConntrackCollector implements Collector {
  private static final int STAT_COLUMNS = 17;

  /** Columns of net/stat/nf_conntrack that node_exporter sums, with their families and help. */
  private static final int[] STAT_INDEX = {2, 4, 5, 8, 9, 10, 11, 16};

  private static final String[] STAT_NAMES = {
    "node_nf_conntrack_stat_found",
    "node_nf_conntrack_stat_invalid",
    "node_nf_conntrack_stat_ignore",
    "node_nf_conntrack_stat_insert",
    "node_nf_conntrack_stat_insert_failed",
    "node_nf_conntrack_stat_drop",
    "node_nf_conntrack_stat_early_drop",
    "node_nf_conntrack_stat_search_restart"
  };
  private static final String[] STAT_HELPS = {
    "Number of searched entries which were successful.",
    "Number of packets seen which can not be tracked.",
    "Number of packets seen which are already connected to a conntrack entry.",
    "Number of entries inserted into the list.",
    "Number of entries for which list insertion was attempted but failed.",
    "Number of packets dropped due to conntrack failure.",
    "Number of dropped conntrack entries to make room for new ones, if maximum table size was"
        + " reached.",
    "Number of conntrack table lookups which had to be restarted due to hashtable resizes."
  };

  private final Path count;
  private final Path max;
  private final Path stat;
  private final ProcText text = new ProcText();
  private final long[] sums = new long[STAT_INDEX.length];

  /**
   * @param paths where procfs is mounted; reads {@code sys/net/netfilter/nf_conntrack_count},
   *     {@code sys/net/netfilter/nf_conntrack_max} and {@code net/stat/nf_conntrack} under it
   */
  public ConntrackCollector(HostPaths paths) {
    Objects.requireNonNull(paths, "paths");
    this.count = paths.proc("sys/net/netfilter/nf_conntrack_count");
    this.max = paths.proc("sys/net/netfilter/nf_conntrack_max");
    this.stat = paths.proc("net/stat/nf_conntrack");
  }

  @Override
  public String name() {
    return "conntrack";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    try {
      long entries = readNumber(count);
      out.family(
          "node_nf_conntrack_entries",
          MetricType.GAUGE,
          "Number of currently allocated flow entries for connection tracking.");
      out.sample(entries);
      long limit = readNumber(max);
      out.family(
          "node_nf_conntrack_entries_limit",
          MetricType.GAUGE,
          "Maximum size of connection tracking table.");
      out.sample(limit);
      sumStats();
    } catch (NoSuchFileException e) {
      return; // conntrack not loaded: node_exporter reports no data, not an error
    }
    for (int i = 0; i < STAT_NAMES.length; i++) {
      out.family(STAT_NAMES[i], MetricType.GAUGE, STAT_HELPS[i]);
      out.sample(sums[i]);
    }
  }

  private long readNumber(Path file) throws IOException {
    text.load(file);
    text.requireToken("a number");
    long v = text.tokenLong();
    if (text.nextToken()) {
      throw text.fail("expected one number, got more");
    }
    return v;
  }

  private void sumStats() throws IOException {
    text.load(stat);
    java.util.Arrays.fill(sums, 0);
    text.nextLine(); // the header
    for (; text.hasLine(); text.nextLine()) {
      int column = 0;
      int next = 0;
      while (text.nextToken()) {
        if (column >= STAT_COLUMNS) {
          throw text.fail("more than " + STAT_COLUMNS + " columns");
        }
        long v = text.tokenHex();
        if (next < STAT_INDEX.length && STAT_INDEX[next] == column) {
          sums[next++] += v;
        }
        column++;
      }
      if (column != STAT_COLUMNS) {
        throw text.fail(column + " columns, " + STAT_COLUMNS + " expected");
      }
    }
  }
}
