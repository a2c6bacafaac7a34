package io.moraine.testkit.data;

import static io.moraine.testkit.data.ValueKind.CONSTANT;
import static io.moraine.testkit.data.ValueKind.COUNTER_INT;
import static io.moraine.testkit.data.ValueKind.COUNTER_NANOSECONDS;
import static io.moraine.testkit.data.ValueKind.COUNTER_RARE;
import static io.moraine.testkit.data.ValueKind.GAUGE_PAGES;
import static io.moraine.testkit.data.ValueKind.TIMESTAMP_INT;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/**
 * cAdvisor-like container series, 24 per container, with the long {@code id}, {@code name} and
 * {@code image} labels that make real cAdvisor output expensive to index.
 */
final class ContainerBuilder {
  private static final String[] NAMESPACES = {
    "default", "kube-system", "monitoring", "prod", "staging", "ingress", "logging", "batch"
  };
  private static final String[][] FAMILIES = {
    {"container_cpu_usage_seconds_total", "counter"},
    {"container_cpu_user_seconds_total", "counter"},
    {"container_cpu_system_seconds_total", "counter"},
    {"container_cpu_cfs_periods_total", "counter"},
    {"container_cpu_cfs_throttled_periods_total", "counter"},
    {"container_memory_working_set_bytes", "gauge"},
    {"container_memory_rss", "gauge"},
    {"container_memory_cache", "gauge"},
    {"container_memory_usage_bytes", "gauge"},
    {"container_memory_max_usage_bytes", "gauge"},
    {"container_memory_mapped_file", "gauge"},
    {"container_memory_failcnt", "counter"},
    {"container_network_receive_bytes_total", "counter"},
    {"container_network_transmit_bytes_total", "counter"},
    {"container_network_receive_packets_total", "counter"},
    {"container_network_transmit_packets_total", "counter"},
    {"container_fs_reads_bytes_total", "counter"},
    {"container_fs_writes_bytes_total", "counter"},
    {"container_fs_reads_total", "counter"},
    {"container_fs_writes_total", "counter"},
    {"container_spec_memory_limit_bytes", "gauge"},
    {"container_spec_cpu_shares", "gauge"},
    {"container_start_time_seconds", "gauge"},
    {"container_last_seen", "gauge"}
  };

  private final Random r;
  private final SeriesSink sink;
  private final Map<String, SeriesSink.Family> fams = new HashMap<>();

  ContainerBuilder(Random r, SeriesSink sink) {
    this.r = r;
    this.sink = sink;
    for (String[] f : FAMILIES) {
      fams.put(f[0], sink.family(f[0], f[1]));
    }
  }

  /** Adds containers until the target has {@code n} series. */
  void build(int n, double boot) {
    for (int ci = 0; sink.count() < n; ci++) {
      container(ci, boot);
    }
  }

  private void container(int ci, double boot) {
    String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
    String app = String.format("app%02d", r.nextInt(40));
    String pod = String.format("%s-%08x-%05x", app, r.nextInt() & 0xffffffffL, r.nextInt(1 << 20));
    String cid = hex(32);
    String[] lab = {
      "container",
      app,
      "id",
      "/kubepods/burstable/pod" + hex(16) + "/" + cid,
      "image",
      "registry.local/" + ns + "/" + app + ":v1." + r.nextInt(30) + "." + r.nextInt(10),
      "name",
      "k8s_" + app + "_" + pod + "_" + ns + "_" + ci,
      "namespace",
      ns,
      "pod",
      pod
    };
    double cpu = 0.001 + 1.499 * r.nextDouble();
    double mem = (16384 + r.nextInt(524288 - 16384 + 1)) * 4096.0;
    add(
        "container_cpu_usage_seconds_total",
        COUNTER_NANOSECONDS,
        uniform(10, 1e5),
        cpu,
        0,
        0,
        with(lab, "cpu", "total"));
    add(
        "container_cpu_user_seconds_total",
        COUNTER_NANOSECONDS,
        uniform(10, 1e5),
        cpu * 0.7,
        0,
        0,
        lab);
    add(
        "container_cpu_system_seconds_total",
        COUNTER_NANOSECONDS,
        uniform(10, 1e5),
        cpu * 0.3,
        0,
        0,
        lab);
    add("container_cpu_cfs_periods_total", COUNTER_INT, r.nextInt(10_000_001), 10, 0, 0, lab);
    add(
        "container_cpu_cfs_throttled_periods_total",
        COUNTER_RARE,
        r.nextInt(10_001),
        0.1,
        0,
        0,
        lab);
    add("container_memory_working_set_bytes", GAUGE_PAGES, mem, 4096 * 32, 0x1p20, 0x1p33, lab);
    add(
        "container_memory_rss",
        GAUGE_PAGES,
        Math.floor(mem / 2 / 4096) * 4096,
        4096 * 16,
        0x1p20,
        0x1p33,
        lab);
    add(
        "container_memory_cache",
        GAUGE_PAGES,
        Math.floor(mem / 3 / 4096) * 4096,
        4096 * 64,
        0,
        0x1p33,
        lab);
    add("container_memory_usage_bytes", GAUGE_PAGES, mem + 0x1p22, 4096 * 32, 0x1p20, 0x1p34, lab);
    add("container_memory_max_usage_bytes", CONSTANT, mem * 2, 0, 0, 0, lab);
    add(
        "container_memory_mapped_file",
        GAUGE_PAGES,
        r.nextInt(4097) * 4096.0,
        4096,
        0,
        0x1p30,
        lab);
    add("container_memory_failcnt", CONSTANT, 0, 0, 0, 0, lab);
    String[] eth = with(lab, "interface", "eth0");
    add(
        "container_network_receive_bytes_total",
        COUNTER_INT,
        counterStart(),
        5e4 * share(),
        0,
        0,
        eth);
    add(
        "container_network_transmit_bytes_total",
        COUNTER_INT,
        counterStart(),
        3e4 * share(),
        0,
        0,
        eth);
    add(
        "container_network_receive_packets_total",
        COUNTER_INT,
        counterStart(),
        60 * share(),
        0,
        0,
        eth);
    add(
        "container_network_transmit_packets_total",
        COUNTER_INT,
        counterStart(),
        40 * share(),
        0,
        0,
        eth);
    String[] sda = with(lab, "device", "/dev/sda");
    add(
        "container_fs_reads_bytes_total",
        COUNTER_INT,
        r.nextInt(1_000_000_001),
        2e4 * share(),
        0,
        0,
        sda);
    add(
        "container_fs_writes_bytes_total",
        COUNTER_INT,
        r.nextInt(1_000_000_001),
        8e4 * share(),
        0,
        0,
        sda);
    add(
        "container_fs_reads_total",
        COUNTER_RARE,
        r.nextInt(1_000_000_001),
        0.5 * share(),
        0,
        0,
        sda);
    add("container_fs_writes_total", COUNTER_INT, r.nextInt(1_000_000_001), 3 * share(), 0, 0, sda);
    double[] limits = {0, 0x1p28, 0x1p29, 0x1p30, 0x1p31};
    add(
        "container_spec_memory_limit_bytes",
        CONSTANT,
        limits[r.nextInt(limits.length)],
        0,
        0,
        0,
        lab);
    int[] shares = {2, 102, 256, 512, 1024};
    add("container_spec_cpu_shares", CONSTANT, shares[r.nextInt(shares.length)], 0, 0, 0, lab);
    add(
        "container_start_time_seconds",
        CONSTANT,
        Math.floor(boot) + r.nextInt(1_000_001),
        0,
        0,
        0,
        lab);
    add("container_last_seen", TIMESTAMP_INT, 0, 0, 0, 0, lab);
  }

  private void add(
      String family, ValueKind kind, double v, double p1, double p2, double p3, String[] lab) {
    SeriesSink.Family f = fams.get(family);
    if (f == null) {
      throw new IllegalStateException("BUG: unknown container family " + family);
    }
    f.add(kind, v, p1, p2, p3, lab);
  }

  private double counterStart() {
    return r.nextLong(10_000_000_001L);
  }

  private double share() {
    return 0.01 + 0.99 * r.nextDouble();
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    r.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String[] with(String[] lab, String name, String value) {
    String[] out = java.util.Arrays.copyOf(lab, lab.length + 2);
    out[lab.length] = name;
    out[lab.length + 1] = value;
    return out;
  }
}
