package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * node_exporter 1.5.0's {@code sockstat} collector: gauges {@code node_sockstat_<PROTO>_<state>}
 * from procfs {@code net/sockstat} and {@code net/sockstat6}, plus {@code
 * node_sockstat_sockets_used} from the IPv4 file's {@code sockets:} line. Each protocol line gives
 * {@code inuse} (0 when the line lacks it) and whichever of {@code orphan}, {@code tw}, {@code
 * alloc}, {@code mem}, {@code memory} it has; {@code mem} (pages) also gives {@code mem_bytes} at
 * node_exporter's page size of 4096 bytes. A missing file is skipped; a line with fewer than three
 * fields or an odd number of key/value fields is an error. Not thread-safe (the agent serialises
 * scrapes).
 */
public final class SockstatCollector implements Collector {
  private static final long PAGE_SIZE = 4096;
  private static final String[] KEYS = {"inuse", "orphan", "tw", "alloc", "mem", "memory"};
  private static final int MEM = 4;

  private final Path v4;
  private final Path v6;
  private final ProcText text = new ProcText();
  private final long[] values = new long[KEYS.length];
  private final boolean[] present = new boolean[KEYS.length];

  /** Family names and help per protocol, by the raw bytes of the line's first token. */
  private final List<Protocol> protocols = new ArrayList<>();

  /** A protocol's families: KEYS order, then mem_bytes. */
  private record Protocol(byte[] raw, String[] names, String[] helps) {}

  /**
   * @param paths where procfs is mounted; reads {@code net/sockstat} and {@code net/sockstat6}
   *     under it (the network namespace of the agent's process)
   */
  public SockstatCollector(HostPaths paths) {
    Objects.requireNonNull(paths, "paths");
    this.v4 = paths.proc("net/sockstat");
    this.v6 = paths.proc("net/sockstat6");
  }

  @Override
  public String name() {
    return "sockstat";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    collectFile(out, v4, false);
    collectFile(out, v6, true);
  }

  private void collectFile(MetricWriter out, Path file, boolean ipv6) throws IOException {
    try {
      text.load(file);
    } catch (NoSuchFileException e) {
      return;
    }
    for (; text.hasLine(); text.nextLine()) {
      text.requireToken("a protocol");
      int from = text.tokenStart();
      int to = text.tokenEnd();
      if (to > from && text.at(to - 1) == ':') {
        to--;
      }
      readPairs();
      if (text.rangeEquals(from, to, SOCKETS)) {
        if (!ipv6) {
          out.family(
              "node_sockstat_sockets_used", MetricType.GAUGE, "Number of IPv4 sockets in use.");
          out.sample(usedValue);
        }
        continue;
      }
      Protocol p = protocol(from, to);
      present[0] = true; // inuse is always written, 0 when absent
      for (int k = 0; k < KEYS.length; k++) {
        if (present[k]) {
          out.family(p.names()[k], MetricType.GAUGE, p.helps()[k]);
          out.sample(values[k]);
        }
      }
      if (present[MEM]) {
        out.family(p.names()[KEYS.length], MetricType.GAUGE, p.helps()[KEYS.length]);
        out.sample(values[MEM] * PAGE_SIZE);
      }
    }
  }

  private static final byte[] SOCKETS = {'s', 'o', 'c', 'k', 'e', 't', 's'};
  private long usedValue;

  /** Reads the line's key/value pairs into values/present (and usedValue for "used"). */
  private void readPairs() throws MalformedProcFileException {
    java.util.Arrays.fill(values, 0);
    java.util.Arrays.fill(present, false);
    usedValue = 0;
    int fields = 0;
    while (text.nextToken()) {
      fields++;
      int key = keyIndex();
      boolean used = text.tokenIs("used");
      if (!text.nextToken()) {
        throw text.fail("odd number of fields in key/value pairs");
      }
      fields++;
      long v = text.tokenLong();
      if (key >= 0) {
        values[key] = v;
        present[key] = true;
      } else if (used) {
        usedValue = v;
      }
    }
    if (fields < 2) {
      throw text.fail("malformed sockstat line: fewer than three fields");
    }
  }

  private int keyIndex() {
    for (int k = 0; k < KEYS.length; k++) {
      if (text.tokenIs(KEYS[k])) {
        return k;
      }
    }
    return -1;
  }

  private Protocol protocol(int from, int to) {
    for (Protocol p : protocols) {
      if (text.rangeEquals(from, to, p.raw())) {
        return p;
      }
    }
    String name = text.string(from, to);
    String[] names = new String[KEYS.length + 1];
    String[] helps = new String[KEYS.length + 1];
    for (int k = 0; k <= KEYS.length; k++) {
      String state = k < KEYS.length ? KEYS[k] : "mem_bytes";
      names[k] = "node_sockstat_" + name + "_" + state;
      helps[k] = "Number of " + name + " sockets in state " + state + ".";
    }
    Protocol p = new Protocol(text.copy(from, to), names, helps);
    protocols.add(p);
    return p;
  }
}
