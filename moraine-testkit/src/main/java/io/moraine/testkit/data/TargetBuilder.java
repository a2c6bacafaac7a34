package io.moraine.testkit.data;

import static io.moraine.testkit.data.ValueKind.CONSTANT;
import static io.moraine.testkit.data.ValueKind.COUNTER_CENTISECONDS;
import static io.moraine.testkit.data.ValueKind.COUNTER_INT;
import static io.moraine.testkit.data.ValueKind.COUNTER_RARE;
import static io.moraine.testkit.data.ValueKind.GAUGE_LOAD;
import static io.moraine.testkit.data.ValueKind.GAUGE_NOISE;
import static io.moraine.testkit.data.ValueKind.GAUGE_PAGES;
import static io.moraine.testkit.data.ValueKind.GAUGE_SMALL;
import static io.moraine.testkit.data.ValueKind.GAUGE_WALK_INT;
import static io.moraine.testkit.data.ValueKind.TIMESTAMP_FLOAT;

import java.util.List;
import java.util.Random;

/**
 * The series of one synthetic scrape target, family by family as {@code lib/series.py} builds them:
 * node_exporter-like families, two classic histograms, then cAdvisor-like containers until the
 * target has its number of series.
 */
final class TargetBuilder {
  private static final String[][] CPU_MODES = {
    {"idle", "0.70"}, {"user", "0.15"}, {"system", "0.06"}, {"iowait", "0.01"},
    {"irq", "0"}, {"softirq", "0.005"}, {"nice", "0"}, {"steal", "0"}
  };
  private static final String[] MEM_CONST = {
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
    "HugePages_Surp"
  };
  private static final String[] MEM_WALK = {
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
  private static final String[] DISK_DEVS = {"sda", "sdb", "nvme0n1", "dm-0"};
  private static final String[][] FILESYSTEMS = {
    {"/dev/sda1", "ext4", "/"}, {"/dev/sda2", "ext4", "/boot"},
    {"/dev/sdb1", "xfs", "/var/lib/docker"}, {"/dev/nvme0n1p1", "xfs", "/data"},
    {"tmpfs", "tmpfs", "/run"}
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
    "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"
  };
  private static final String[] API_BUCKETS = {
    "0.05", "0.1", "0.2", "0.4", "0.8", "1.6", "3.2", "6.4", "12.8", "25.6"
  };

  private final Random r;
  private final SeriesSink sink;
  private final int target;

  TargetBuilder(long seed, int target, SeriesSink sink) {
    this.r = new Random(seed * 1000003 + target);
    this.target = target;
    this.sink = sink;
  }

  /** Adds series until the sink's target has {@code n} (or the node part alone is larger). */
  void build(int n) {
    cpuAndMemory();
    network();
    disksAndFilesystems();
    system();
    histograms();
    new ContainerBuilder(r, sink).build(n, 1.6e9 + r.nextInt(10_000_001));
  }

  private void cpuAndMemory() {
    SeriesSink.Family f = sink.family("node_cpu_seconds_total", "counter");
    for (int c = 0; c < 8; c++) {
      for (String[] mode : CPU_MODES) {
        double share = Double.parseDouble(mode[1]);
        if (share > 0) {
          double v = Math.round(uniform(1e5, 1e6) * share * 100) / 100.0;
          f.add(COUNTER_CENTISECONDS, v, share, 0, 0, "cpu", "" + c, "mode", mode[0]);
        } else {
          f.add(CONSTANT, 0, 0, 0, 0, "cpu", "" + c, "mode", mode[0]);
        }
      }
    }
    f = sink.family("node_cpu_guest_seconds_total", "counter");
    for (int c = 0; c < 8; c++) {
      for (String mode : List.of("guest", "guest_nice")) {
        f.add(CONSTANT, 0, 0, 0, 0, "cpu", "" + c, "mode", mode);
      }
    }
    for (String m : MEM_CONST) {
      sink.family("node_memory_" + m + "_bytes", "gauge")
          .add(CONSTANT, randint(0, 64) * (double) (1L << 30), 0, 0, 0);
    }
    for (String m : MEM_WALK) {
      double step = 4096 * new int[] {8, 64, 512}[r.nextInt(3)];
      sink.family("node_memory_" + m + "_bytes", "gauge")
          .add(GAUGE_PAGES, randint(1, 1 << 22) * 4096.0, step, 0, 64.0 * (1L << 30));
    }
    for (String w : List.of("1", "5", "15")) {
      double v = Math.round(uniform(0.1, 4) * 100) / 100.0;
      sink.family("node_load" + w, "gauge").add(GAUGE_LOAD, v, 0, uniform(0.5, 3.0), 0);
    }
  }

  private void network() {
    Object[][] counters = {
      {"receive_bytes_total", COUNTER_INT, 2e6}, {"transmit_bytes_total", COUNTER_INT, 1e6},
      {"receive_packets_total", COUNTER_INT, 2e3}, {"transmit_packets_total", COUNTER_INT, 1.5e3},
      {"receive_errs_total", COUNTER_RARE, 0.02}, {"transmit_errs_total", COUNTER_RARE, 0.01},
      {"receive_drop_total", COUNTER_RARE, 0.05}, {"transmit_drop_total", COUNTER_RARE, 0.01}
    };
    for (Object[] c : counters) {
      SeriesSink.Family f = sink.family("node_network_" + c[0], "counter");
      ValueKind kind = (ValueKind) c[1];
      for (String d : NET_DEVS) {
        double v = kind == COUNTER_INT ? randlong(0, 1_000_000_000_000L) : randint(0, 50);
        f.add(kind, v, (double) c[2] * uniform(0.1, 1.0), 0, 0, "device", d);
      }
    }
    Object[][] props = {{"up", 1.0}, {"mtu_bytes", 1500.0}, {"speed_bytes", 1.25e9}};
    for (Object[] p : props) {
      SeriesSink.Family f = sink.family("node_network_" + p[0], "gauge");
      for (String d : NET_DEVS) {
        f.add(CONSTANT, (double) p[1], 0, 0, 0, "device", d);
      }
    }
  }

  private void disksAndFilesystems() {
    Object[][] counters = {
      {"reads_completed_total", COUNTER_INT, 50.0},
      {"writes_completed_total", COUNTER_INT, 120.0},
      {"read_bytes_total", COUNTER_INT, 4e5},
      {"written_bytes_total", COUNTER_INT, 1.5e6},
      {"read_time_seconds_total", COUNTER_CENTISECONDS, 0.02},
      {"write_time_seconds_total", COUNTER_CENTISECONDS, 0.08},
      {"io_time_seconds_total", COUNTER_CENTISECONDS, 0.05}
    };
    for (Object[] c : counters) {
      SeriesSink.Family f = sink.family("node_disk_" + c[0], "counter");
      ValueKind kind = (ValueKind) c[1];
      for (String d : DISK_DEVS) {
        double v =
            kind == COUNTER_INT
                ? randlong(0, 10_000_000_000L)
                : Math.round(uniform(1e3, 1e5) * 100) / 100.0;
        f.add(kind, v, (double) c[2] * uniform(0.1, 1.0), 0, 0, "device", d);
      }
    }
    SeriesSink.Family io = sink.family("node_disk_io_now", "gauge");
    for (String d : DISK_DEVS) {
      io.add(GAUGE_SMALL, 0, 4, 0, 0, "device", d);
    }
    String[] metrics = {
      "avail_bytes", "free_bytes", "size_bytes", "files", "files_free", "readonly", "device_error"
    };
    for (String metric : metrics) {
      SeriesSink.Family f = sink.family("node_filesystem_" + metric, "gauge");
      for (String[] fs : FILESYSTEMS) {
        String[] lab = {"device", fs[0], "fstype", fs[1], "mountpoint", fs[2]};
        switch (metric) {
          case "avail_bytes", "free_bytes" ->
              f.add(GAUGE_PAGES, randint(1 << 18, 1 << 26) * 4096.0, 4096 * 16, 0, 0x1p40, lab);
          case "files_free" -> f.add(GAUGE_WALK_INT, randint(100_000, 10_000_000), 20, 0, 1e8, lab);
          case "readonly", "device_error" -> f.add(CONSTANT, 0, 0, 0, 0, lab);
          default -> f.add(CONSTANT, randlong(1L << 28, 1L << 40) / 4096 * 4096.0, 0, 0, 0, lab);
        }
      }
    }
  }

  private void system() {
    String host = String.format("node-%03d", target);
    sink.family("node_uname_info", "gauge")
        .add(
            CONSTANT,
            1,
            0,
            0,
            0,
            "domainname",
            "(none)",
            "machine",
            "x86_64",
            "nodename",
            host,
            "release",
            "6.1.0-" + (target % 20) + "-amd64",
            "sysname",
            "Linux",
            "version",
            "#1 SMP PREEMPT_DYNAMIC Debian 6.1." + (target % 90) + "-1");
    sink.family("node_os_info", "gauge")
        .add(CONSTANT, 1, 0, 0, 0, "id", "debian", "name", "Debian GNU/Linux", "version_id", "12");
    sink.family("node_boot_time_seconds", "gauge")
        .add(CONSTANT, 1.6e9 + randint(0, 10_000_000), 0, 0, 0);
    sink.family("node_time_seconds", "gauge").add(TIMESTAMP_FLOAT, 0, 0, 0, 0);
    Object[][] counters = {
      {"context_switches_total", 3e4}, {"intr_total", 2e4}, {"forks_total", 20.0}
    };
    for (Object[] c : counters) {
      sink.family("node_" + c[0], "counter")
          .add(
              COUNTER_INT,
              randlong(1_000_000, 100_000_000_000L),
              (double) c[1] * uniform(0.2, 1.0),
              0,
              0);
    }
    sink.family("node_procs_running", "gauge").add(GAUGE_SMALL, 1, 16, 0, 0);
    sink.family("node_procs_blocked", "gauge").add(GAUGE_SMALL, 1, 2, 0, 0);
    Object[][] walks = {
      {"entropy_available_bits", 3500, 5, 4096}, {"filefd_allocated", 9000, 30, 1_000_000},
      {"sockstat_TCP_inuse", 300, 4, 65000}, {"netstat_Tcp_CurrEstab", 250, 4, 65000}
    };
    for (Object[] w : walks) {
      sink.family("node_" + w[0], "gauge")
          .add(GAUGE_WALK_INT, (int) w[1], (int) w[2], 0, (int) w[3]);
    }
    SeriesSink.Family d = sink.family("node_scrape_collector_duration_seconds", "gauge");
    for (String c : COLLECTORS) {
      d.add(GAUGE_NOISE, 0, 0, uniform(1e-5, 5e-3), 0, "collector", c);
    }
    SeriesSink.Family s = sink.family("node_scrape_collector_success", "gauge");
    for (String c : COLLECTORS) {
      s.add(CONSTANT, 1, 0, 0, 0, "collector", c);
    }
  }

  private void histograms() {
    SeriesSink.Family f = sink.family("http_request_duration_seconds", "histogram");
    for (String h : HTTP_HANDLERS) {
      for (String code : List.of("200", "500")) {
        double rate = code.equals("200") ? uniform(0.5, 20.0) : uniform(0.0, 0.2);
        histogram(
            f,
            HTTP_BUCKETS,
            rate,
            Math.log(uniform(0.005, 0.2)),
            uniform(0.5, 1.2),
            "code",
            code,
            "handler",
            h,
            "method",
            "GET");
      }
    }
    f = sink.family("apiserver_request_duration_seconds", "histogram");
    for (String verb : List.of("GET", "LIST", "WATCH", "POST")) {
      for (String res : List.of("pods", "nodes", "services", "configmaps")) {
        histogram(
            f,
            API_BUCKETS,
            uniform(0.05, 5.0),
            Math.log(uniform(0.02, 0.5)),
            uniform(0.4, 1.0),
            "resource",
            res,
            "verb",
            verb);
      }
    }
  }

  private void histogram(
      SeriesSink.Family f, String[] bounds, double rate, double mu, double sigma, String... lab) {
    double[] cdf = new double[bounds.length + 1];
    for (int i = 0; i < bounds.length; i++) {
      double z = (Math.log(Double.parseDouble(bounds[i])) - mu) / (sigma * Math.sqrt(2));
      cdf[i] = 0.5 * (1 + Erf.erf(z));
    }
    cdf[bounds.length] = 1.0;
    long start = randint(1000, 1_000_000);
    long[] counts = new long[cdf.length];
    for (int i = 0; i < cdf.length; i++) {
      counts[i] = (long) (start * cdf[i]);
    }
    double mean = Math.exp(mu + sigma * sigma / 2);
    f.addHistogram(new HistogramSpec(cdf, counts, start * mean, rate, mean), bounds, lab);
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  private int randint(int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  private long randlong(long lo, long hi) {
    return r.nextLong(lo, hi + 1);
  }
}
