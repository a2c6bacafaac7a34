package io.moraine.agent.sysfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import io.moraine.agent.procfs.ProcText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * node_exporter 1.5.0's {@code netdev} collector in its {@code /proc/net/dev} mode ({@code
 * --no-collector.netdev.netlink}): {@code node_network_<direction>_<field>_total{device}} for the
 * sixteen columns of procfs {@code net/dev}. The kernel already folds the detailed error counters
 * into these columns the way node_exporter's netlink mode does, so the values agree with its
 * default mode too; only netlink's {@code receive_nohandler} is missing. Not thread-safe for
 * concurrent {@link #collect}.
 */
public final class NetdevCollector implements Collector {
  private static final String[] DEVICE = {"device"};

  /** The columns of net/dev in kernel order, as node_exporter names them. */
  private static final String[] KEYS = {
    "receive_bytes",
    "receive_packets",
    "receive_errs",
    "receive_drop",
    "receive_fifo",
    "receive_frame",
    "receive_compressed",
    "receive_multicast",
    "transmit_bytes",
    "transmit_packets",
    "transmit_errs",
    "transmit_drop",
    "transmit_fifo",
    "transmit_colls",
    "transmit_carrier",
    "transmit_compressed",
  };

  private static final String[] NAMES = new String[KEYS.length];
  private static final String[] HELPS = new String[KEYS.length];

  static {
    for (int i = 0; i < KEYS.length; i++) {
      NAMES[i] = "node_network_" + KEYS[i] + "_total";
      HELPS[i] = "Network device statistic " + KEYS[i] + ".";
    }
  }

  private final Path netDev;
  private final DeviceFilter filter;
  private final ProcText text = new ProcText();

  /**
   * @param paths procfs (for {@code net/dev}, the network namespace of the agent's process: run the
   *     DaemonSet with {@code hostNetwork} to see the node's devices)
   * @param options device filter
   */
  public NetdevCollector(HostPaths paths, NetdevOptions options) {
    this.netDev = Objects.requireNonNull(paths, "paths").proc("net/dev");
    this.filter = new DeviceFilter(options.deviceExclude(), options.deviceInclude());
  }

  @Override
  public String name() {
    return "netdev";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    text.load(netDev);
    List<String[]> devices = new ArrayList<>();
    List<long[]> values = new ArrayList<>();
    text.nextLine(); // two header lines
    text.nextLine();
    for (; text.hasLine(); text.nextLine()) {
      if (!text.nextToken(':')) {
        continue;
      }
      String device = text.token();
      long[] row = new long[KEYS.length];
      for (int i = 0; i < row.length; i++) {
        row[i] = text.nextUint64();
      }
      if (!filter.ignored(device)) {
        devices.add(new String[] {device});
        values.add(row);
      }
    }
    for (int k = 0; k < KEYS.length; k++) {
      out.family(NAMES[k], MetricType.COUNTER, HELPS[k]);
      for (int d = 0; d < devices.size(); d++) {
        out.sample(DEVICE, devices.get(d), ProcText.uint64ToDouble(values.get(d)[k]));
      }
    }
  }
}
