package io.moraine.testkit.generator;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Label sets shaped like the benchmark farm ({@code /work/shared/bench/lib/series.py}): per scrape
 * target, node_exporter-like families, two histogram families, then cAdvisor-like container series
 * (long {@code id}, {@code name}, {@code pod}, {@code image} values) until the target holds its
 * series budget. Every series carries {@code job="farm"} and {@code instance="127.0.0.1:<port>"} as
 * a scrape would add them.
 *
 * <p>Deterministic for a given seed. Only the label sets are generated (no samples); the random
 * values differ from the Python generator but their shapes, lengths and cardinalities match.
 */
public final class SyntheticSeries {
  private static final String[] CPU_MODES = {
    "idle", "user", "system", "iowait", "irq", "softirq", "nice", "steal"
  };
  private static final String[] MEM = {
    "MemTotal",
    "SwapTotal",
    "HugePages_Total",
    "Hugepagesize",
    "CommitLimit",
    "VmallocTotal",
    "DirectMap4k",
    "DirectMap2M",
    "DirectMap1G",
    "HugePages_Free",
    "HugePages_Rsvd",
    "HugePages_Surp",
    "MemFree",
    "MemAvailable",
    "Buffers",
    "Cached",
    "SwapCached",
    "Active",
    "Inactive",
    "Active_anon",
    "Inactive_anon",
    "Active_file",
    "Inactive_file",
    "Unevictable",
    "Mlocked",
    "SwapFree",
    "Dirty",
    "Writeback",
    "AnonPages",
    "Mapped",
    "Shmem",
    "KReclaimable",
    "Slab",
    "SReclaimable",
    "SUnreclaim",
    "KernelStack",
    "PageTables",
    "Committed_AS",
    "VmallocUsed",
    "Percpu",
    "AnonHugePages"
  };
  private static final String[] NET_DEVS = {"lo", "eth0", "eth1", "docker0", "cni0", "flannel.1"};
  private static final String[] NET_METRICS = {
    "receive_bytes_total",
    "transmit_bytes_total",
    "receive_packets_total",
    "transmit_packets_total",
    "receive_errs_total",
    "transmit_errs_total",
    "receive_drop_total",
    "transmit_drop_total",
    "up",
    "mtu_bytes",
    "speed_bytes"
  };
  private static final String[] DISK_DEVS = {"sda", "sdb", "nvme0n1", "dm-0"};
  private static final String[] DISK_METRICS = {
    "reads_completed_total", "writes_completed_total", "read_bytes_total", "written_bytes_total",
    "read_time_seconds_total", "write_time_seconds_total", "io_time_seconds_total", "io_now"
  };
  private static final String[][] FILESYSTEMS = {
    {"/dev/sda1", "ext4", "/"},
    {"/dev/sda2", "ext4", "/boot"},
    {"/dev/sdb1", "xfs", "/var/lib/docker"},
    {"/dev/nvme0n1p1", "xfs", "/data"},
    {"tmpfs", "tmpfs", "/run"}
  };
  private static final String[] FS_METRICS = {
    "avail_bytes", "free_bytes", "size_bytes", "files", "files_free", "readonly", "device_error"
  };
  private static final String[] SINGLE = {
    "node_load1",
    "node_load5",
    "node_load15",
    "node_boot_time_seconds",
    "node_time_seconds",
    "node_context_switches_total",
    "node_intr_total",
    "node_forks_total",
    "node_procs_running",
    "node_procs_blocked",
    "node_entropy_available_bits",
    "node_filefd_allocated",
    "node_sockstat_TCP_inuse",
    "node_netstat_Tcp_CurrEstab"
  };
  private static final String[] COLLECTORS = {
    "arp", "bcache", "bonding", "conntrack", "cpu", "cpufreq", "diskstats", "edac", "entropy",
    "filefd", "filesystem", "hwmon", "loadavg", "meminfo", "netclass", "netdev", "netstat", "nfs",
    "sockstat", "stat", "time", "uname", "vmstat", "xfs"
  };
  private static final String[] HTTP_HANDLERS = {
    "/api/v1/query",
    "/api/v1/query_range",
    "/api/v1/series",
    "/api/v1/labels",
    "/metrics",
    "/-/healthy"
  };
  private static final String[] HTTP_BUCKETS = {
    "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"
  };
  private static final String[] API_VERBS = {"GET", "LIST", "WATCH", "POST"};
  private static final String[] API_RESOURCES = {"pods", "nodes", "services", "configmaps"};
  private static final String[] API_BUCKETS = {
    "0.05", "0.1", "0.2", "0.4", "0.8", "1.6", "3.2", "6.4", "12.8", "25.6", "+Inf"
  };
  private static final String[] NAMESPACES = {
    "default", "kube-system", "monitoring", "prod", "staging", "ingress", "logging", "batch"
  };
  private static final String[] CONTAINER_METRICS = {
    "container_cpu_usage_seconds_total",
    "container_cpu_user_seconds_total",
    "container_cpu_system_seconds_total",
    "container_cpu_cfs_periods_total",
    "container_cpu_cfs_throttled_periods_total",
    "container_memory_working_set_bytes",
    "container_memory_rss",
    "container_memory_cache",
    "container_memory_usage_bytes",
    "container_memory_max_usage_bytes",
    "container_memory_mapped_file",
    "container_memory_failcnt",
    "container_network_receive_bytes_total",
    "container_network_transmit_bytes_total",
    "container_network_receive_packets_total",
    "container_network_transmit_packets_total",
    "container_fs_reads_bytes_total",
    "container_fs_writes_bytes_total",
    "container_fs_reads_total",
    "container_fs_writes_total",
    "container_spec_memory_limit_bytes",
    "container_spec_cpu_shares",
    "container_start_time_seconds",
    "container_last_seen"
  };

  private SyntheticSeries() {}

  /**
   * The label sets of {@code targets} targets with about {@code seriesPerTarget} series each (the
   * farm's default is 50 x 2,000), in generation order (not sorted, may not be unique across seeds
   * but are unique within one call).
   */
  public static List<Labels> farm(int targets, int seriesPerTarget, long seed) {
    List<Labels> out = new ArrayList<>(targets * seriesPerTarget);
    for (int t = 0; t < targets; t++) {
      new Target(t, seriesPerTarget, new SplittableRandom(seed * 1_000_003L + t), out).build();
    }
    return out;
  }

  private static final class Target {
    private final int index;
    private final int budget;
    private final SplittableRandom r;
    private final List<Labels> out;
    private final String instance;
    private int count;

    Target(int index, int budget, SplittableRandom r, List<Labels> out) {
      this.index = index;
      this.budget = budget;
      this.r = r;
      this.out = out;
      this.instance = "127.0.0.1:" + (19100 + index);
    }

    private void add(String name, String... kv) {
      if (count >= budget) {
        return;
      }
      Labels.Builder b = Labels.builder().add(Labels.METRIC_NAME, name);
      for (int i = 0; i < kv.length; i += 2) {
        b.add(kv[i], kv[i + 1]);
      }
      out.add(b.add("job", "farm").add("instance", instance).build());
      count++;
    }

    void build() {
      nodeExporter();
      histograms();
      containers();
    }

    private void nodeExporter() {
      for (int c = 0; c < 8; c++) {
        for (String mode : CPU_MODES) {
          add("node_cpu_seconds_total", "cpu", Integer.toString(c), "mode", mode);
        }
        add("node_cpu_guest_seconds_total", "cpu", Integer.toString(c), "mode", "guest");
        add("node_cpu_guest_seconds_total", "cpu", Integer.toString(c), "mode", "guest_nice");
      }
      for (String m : MEM) {
        add("node_memory_" + m + "_bytes");
      }
      for (String m : NET_METRICS) {
        for (String d : NET_DEVS) {
          add("node_network_" + m, "device", d);
        }
      }
      for (String m : DISK_METRICS) {
        for (String d : DISK_DEVS) {
          add("node_disk_" + m, "device", d);
        }
      }
      for (String m : FS_METRICS) {
        for (String[] fs : FILESYSTEMS) {
          add("node_filesystem_" + m, "device", fs[0], "fstype", fs[1], "mountpoint", fs[2]);
        }
      }
      add(
          "node_uname_info",
          "domainname",
          "(none)",
          "machine",
          "x86_64",
          "nodename",
          String.format(Locale.ROOT, "node-%03d", index),
          "release",
          "6.1.0-" + (index % 20) + "-amd64",
          "sysname",
          "Linux",
          "version",
          "#1 SMP PREEMPT_DYNAMIC Debian 6.1." + (index % 90) + "-1");
      add("node_os_info", "id", "debian", "name", "Debian GNU/Linux", "version_id", "12");
      for (String m : SINGLE) {
        add(m);
      }
      for (String c : COLLECTORS) {
        add("node_scrape_collector_duration_seconds", "collector", c);
        add("node_scrape_collector_success", "collector", c);
      }
    }

    private void histograms() {
      for (String h : HTTP_HANDLERS) {
        for (String code : new String[] {"200", "500"}) {
          histogram(
              "http_request_duration_seconds",
              HTTP_BUCKETS,
              "code",
              code,
              "handler",
              h,
              "method",
              "GET");
        }
      }
      for (String verb : API_VERBS) {
        for (String res : API_RESOURCES) {
          histogram(
              "apiserver_request_duration_seconds", API_BUCKETS, "resource", res, "verb", verb);
        }
      }
    }

    private void histogram(String base, String[] buckets, String... kv) {
      if (count + buckets.length + 2 > budget) {
        return;
      }
      for (String le : buckets) {
        String[] withLe = java.util.Arrays.copyOf(kv, kv.length + 2);
        withLe[kv.length] = "le";
        withLe[kv.length + 1] = le;
        add(base + "_bucket", withLe);
      }
      add(base + "_sum", kv);
      add(base + "_count", kv);
    }

    private void containers() {
      for (int ci = 0; count < budget; ci++) {
        String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
        String app = String.format(Locale.ROOT, "app%02d", r.nextInt(40));
        String pod =
            String.format(Locale.ROOT, "%s-%08x-%05x", app, r.nextInt(), r.nextInt(1 << 20));
        String id = "/kubepods/burstable/pod" + hex(32) + "/" + hex(64);
        String image =
            String.format(
                Locale.ROOT,
                "registry.local/%s/%s:v1.%d.%d",
                ns,
                app,
                r.nextInt(30),
                r.nextInt(10));
        String name = String.format(Locale.ROOT, "k8s_%s_%s_%s_%d", app, pod, ns, ci);
        String[] lab = {
          "container", app, "id", id, "image", image, "name", name, "namespace", ns, "pod", pod
        };
        for (String m : CONTAINER_METRICS) {
          String[] extra = extraLabels(m);
          String[] all = java.util.Arrays.copyOf(lab, lab.length + extra.length);
          System.arraycopy(extra, 0, all, lab.length, extra.length);
          add(m, all);
        }
      }
    }

    private static String[] extraLabels(String metric) {
      if (metric.equals("container_cpu_usage_seconds_total")) {
        return new String[] {"cpu", "total"};
      } else if (metric.startsWith("container_network_")) {
        return new String[] {"interface", "eth0"};
      } else if (metric.startsWith("container_fs_")) {
        return new String[] {"device", "/dev/sda"};
      }
      return new String[0];
    }

    private String hex(int digits) {
      StringBuilder sb = new StringBuilder(digits);
      for (int i = 0; i < digits; i++) {
        sb.append(Character.forDigit(r.nextInt(16), 16));
      }
      return sb.toString();
    }
  }
}
