package io.moraine.agent.cgroup;

import static io.moraine.agent.cgroup.FileBytes.ABSENT;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * cAdvisor's {@code container_*} families as the kubelet serves them on {@code /metrics/cadvisor},
 * with its labels {@code container, id, image, name, namespace, pod}, for the root cgroup {@code
 * /}, the kubelet's cgroups (kubepods, QoS classes, pods with {@code container=""}, containers and
 * sandboxes) and docker/podman containers outside Kubernetes. Network figures come from a process's
 * {@code net/dev}: the host's (pid 1) for the root, the sandbox's for a pod (its containers share
 * its network namespace, so cAdvisor reports them there), a standalone container's own.
 *
 * <p>One directory walk per scrape; the per-cgroup readings live in buffers reused between scrapes.
 * The leaf containers' CPU time is handed to the {@link CgroupContainers} the collector is built
 * on, which serves it to the energy collector. Not thread-safe (the agent serialises scrapes).
 */
public final class ContainerCollector implements Collector {
  static final String[] LABELS = {"container", "id", "image", "name", "namespace", "pod"};
  private static final String[] CPU_LABELS = with("cpu");
  private static final String[] NET_LABELS = with("interface");
  private static final String[] DEVICE_LABELS = with("device");

  private final CgroupContainers cgroups;
  private final PodDirectory pods;
  private final Clock clock;
  private final CgroupFs fs;
  private final StatsReader reader;
  private final BlockDevices devices;
  private final List<CgroupStats> pool = new ArrayList<>();
  private final List<String[]> labelPool = new ArrayList<>();
  private final String[] extra = new String[LABELS.length + 1];

  /**
   * @param paths where sysfs ({@code fs/cgroup}, {@code dev/block}) and procfs ({@code
   *     <pid>/net/dev}) are
   * @param pods the pods of this node, for labels ({@link PodDirectory#EMPTY} outside Kubernetes);
   *     not closed by the collector
   * @param clock the time source for {@code container_last_seen}
   * @throws IOException when sysfs has no cgroup hierarchy
   */
  public ContainerCollector(HostPaths paths, PodDirectory pods, Clock clock) throws IOException {
    this(new CgroupContainers(paths, pods, clock), clock);
  }

  /**
   * A collector over the hierarchy, pods and paths of {@code cgroups}, to which it hands each
   * scrape's reading of the leaf containers (see {@link CgroupContainers#containers}).
   *
   * @param cgroups the cgroup view shared with the energy and GPU collectors
   * @param clock the time source for {@code container_last_seen}
   */
  public ContainerCollector(CgroupContainers cgroups, Clock clock) {
    this.cgroups = Objects.requireNonNull(cgroups, "cgroups");
    this.pods = cgroups.pods;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fs = cgroups.fs;
    this.reader = new StatsReader(fs, cgroups.paths);
    this.devices = new BlockDevices(cgroups.paths);
  }

  @Override
  public String name() {
    return "container";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    List<CgroupFs.Node> nodes = fs.walk();
    int n = nodes.size();
    while (pool.size() < n) {
      pool.add(new CgroupStats());
      labelPool.add(new String[LABELS.length]);
    }
    List<ContainerUsage> usage = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CgroupFs.Node node = nodes.get(i);
      Labeler.Labelled l = Labeler.label(node.path(), node.kind(), pods);
      ContainerRef r = l.ref();
      String[] v = labelPool.get(i);
      v[0] = r.container();
      v[1] = r.id();
      v[2] = r.image();
      v[3] = l.name();
      v[4] = r.namespace();
      v[5] = r.pod();
      CgroupStats s = pool.get(i);
      reader.read(node.path(), s);
      if (node.kind().isContainer() && s.cpuUsageNanos != ABSENT) {
        usage.add(new ContainerUsage(r, s.cpuUsageNanos / 1e9));
      }
      long pid =
          node.kind().kind() == CgroupPath.Kind.ROOT
              ? 1
              : l.sandbox() || node.kind().kind() == CgroupPath.Kind.STANDALONE
                  ? reader.firstPid(node.path())
                  : -1;
      if (pid > 0) {
        reader.network(pid, s);
      }
    }
    cgroups.handOver(usage);
    Families w = new Families(out, pool, labelPool, n);
    writeCpu(w);
    writeMemory(w);
    writeSpec(w);
    writeNetwork(out, n);
    writeDisk(out, n);
    w.gauge(
        "container_start_time_seconds",
        "Start time of the container since unix epoch in seconds.",
        s -> s.startMillis,
        1e3);
    w.constant(
        "container_last_seen",
        "Last time a container was seen by the exporter",
        clock.nowMillis() / 1000.0);
  }

  private void writeCpu(Families w) throws IOException {
    w.out.family(
        "container_cpu_usage_seconds_total",
        MetricType.COUNTER,
        "Cumulative cpu time consumed in seconds.");
    for (int i = 0; i < w.n; i++) {
      CgroupStats s = pool.get(i);
      if (s.cpuUsageNanos != ABSENT) {
        w.out.sample(CPU_LABELS, withValue(labelPool.get(i), "total"), s.cpuUsageNanos / 1e9);
      }
    }
    w.counter(
        "container_cpu_user_seconds_total",
        "Cumulative user cpu time consumed in seconds.",
        s -> s.cpuUserNanos,
        1e9);
    w.counter(
        "container_cpu_system_seconds_total",
        "Cumulative system cpu time consumed in seconds.",
        s -> s.cpuSystemNanos,
        1e9);
    w.counter(
        "container_cpu_cfs_periods_total",
        "Number of elapsed enforcement period intervals.",
        s -> limited(s) ? s.cfsPeriods : ABSENT,
        1);
    w.counter(
        "container_cpu_cfs_throttled_periods_total",
        "Number of throttled period intervals.",
        s -> limited(s) ? s.cfsThrottledPeriods : ABSENT,
        1);
    w.counter(
        "container_cpu_cfs_throttled_seconds_total",
        "Total time duration the container has been throttled.",
        s -> limited(s) ? s.cfsThrottledNanos : ABSENT,
        1e9);
  }

  /** cAdvisor writes the CFS counters and the quota only for a cgroup with a CPU quota. */
  private static boolean limited(CgroupStats s) {
    return s.cpuQuota != ABSENT && s.cpuQuota != 0;
  }

  private static void writeMemory(Families w) throws IOException {
    w.gauge(
        "container_memory_cache", "Number of bytes of page cache memory.", s -> s.memoryCache, 1);
    w.gauge("container_memory_rss", "Size of RSS in bytes.", s -> s.memoryRss, 1);
    w.gauge("container_memory_swap", "Container swap usage in bytes.", s -> s.memorySwap, 1);
    w.typed(
        MetricType.COUNTER,
        "container_memory_failcnt",
        "Number of memory usage hits limits",
        s -> s.memoryFailcnt,
        1);
    w.gauge(
        "container_memory_usage_bytes",
        "Current memory usage in bytes, including all memory regardless of when it was accessed",
        s -> s.memoryUsage,
        1);
    w.gauge(
        "container_memory_working_set_bytes",
        "Current working set in bytes.",
        s -> s.memoryWorkingSet,
        1);
  }

  private static void writeSpec(Families w) throws IOException {
    w.gauge(
        "container_spec_cpu_period",
        "CPU period of the container.",
        s -> s.cpuShares == ABSENT ? ABSENT : s.cpuPeriod,
        1);
    w.gauge(
        "container_spec_cpu_quota",
        "CPU quota of the container.",
        s -> limited(s) ? s.cpuQuota : ABSENT,
        1);
    w.gauge("container_spec_cpu_shares", "CPU share of the container.", s -> s.cpuShares, 1);
    w.gauge(
        "container_spec_memory_limit_bytes",
        "Memory limit for the container.",
        s -> s.memoryLimit == ABSENT ? ABSENT : StatsReader.specLimit(s.memoryLimit),
        1);
  }

  private static final String[][] NET_FAMILIES = {
    {"container_network_receive_bytes_total", "Cumulative count of bytes received"},
    {"container_network_receive_packets_total", "Cumulative count of packets received"},
    {
      "container_network_receive_errors_total",
      "Cumulative count of errors encountered while receiving"
    },
    {
      "container_network_receive_packets_dropped_total",
      "Cumulative count of packets dropped while receiving"
    },
    {"container_network_transmit_bytes_total", "Cumulative count of bytes transmitted"},
    {"container_network_transmit_packets_total", "Cumulative count of packets transmitted"},
    {
      "container_network_transmit_errors_total",
      "Cumulative count of errors encountered while transmitting"
    },
    {
      "container_network_transmit_packets_dropped_total",
      "Cumulative count of packets dropped while transmitting"
    },
  };

  private void writeNetwork(MetricWriter out, int n) throws IOException {
    for (int k = 0; k < NET_FAMILIES.length; k++) {
      out.family(NET_FAMILIES[k][0], MetricType.COUNTER, NET_FAMILIES[k][1]);
      for (int i = 0; i < n; i++) {
        CgroupStats s = pool.get(i);
        for (int j = 0; j < s.interfaceCount; j++) {
          out.sample(NET_LABELS, withValue(labelPool.get(i), s.interfaces[j]), s.net[k][j]);
        }
      }
    }
  }

  private void writeDisk(MetricWriter out, int n) throws IOException {
    String[][] fams = {
      {"container_fs_reads_bytes_total", "Cumulative count of bytes read"},
      {"container_fs_reads_total", "Cumulative count of reads completed"},
      {"container_fs_writes_bytes_total", "Cumulative count of bytes written"},
      {"container_fs_writes_total", "Cumulative count of writes completed"},
    };
    for (int k = 0; k < fams.length; k++) {
      out.family(fams[k][0], MetricType.COUNTER, fams[k][1]);
      for (int i = 0; i < n; i++) {
        CgroupStats s = pool.get(i);
        long[] values = k == 0 ? s.readBytes : k == 1 ? s.reads : k == 2 ? s.writeBytes : s.writes;
        for (int j = 0; j < s.deviceCount; j++) {
          String dev = devices.name(s.devices[j]);
          out.sample(DEVICE_LABELS, withValue(labelPool.get(i), dev), values[j]);
        }
      }
    }
  }

  /** The six label values and one more, in a scratch array the writer does not keep. */
  private String[] withValue(String[] values, String last) {
    System.arraycopy(values, 0, extra, 0, values.length);
    extra[values.length] = last;
    return extra;
  }

  private static String[] with(String name) {
    String[] a = new String[LABELS.length + 1];
    System.arraycopy(LABELS, 0, a, 0, LABELS.length);
    a[LABELS.length] = name;
    return a;
  }
}
