package io.moraine.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An OpenMetrics import file shaped like the one of {@code shared/bench/ingest_bench.py}:
 * node_exporter-like, histogram and cAdvisor-like series (long {@code id}, {@code image}, {@code
 * name} values) with {@code job} and {@code instance} last, time-major, one sample per line with a
 * timestamp in whole seconds, no metadata, {@code # EOF} at the end.
 */
final class OpenMetricsInput {
  private static final String[] CPU_MODES = {
    "idle", "user", "system", "iowait", "irq", "softirq", "nice", "steal"
  };
  private static final String[] DEVICES = {"lo", "eth0", "eth1", "docker0", "cni0", "flannel.1"};
  private static final String[] HANDLERS = {
    "/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels", "/metrics"
  };
  private static final String[] BUCKETS = {
    "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"
  };
  private static final String[] CONTAINER_METRICS = {
    "container_cpu_usage_seconds_total",
    "container_cpu_user_seconds_total",
    "container_cpu_system_seconds_total",
    "container_cpu_cfs_periods_total",
    "container_memory_working_set_bytes",
    "container_memory_rss",
    "container_memory_cache",
    "container_memory_usage_bytes",
    "container_memory_mapped_file",
    "container_network_receive_bytes_total",
    "container_network_transmit_bytes_total",
    "container_fs_reads_bytes_total",
    "container_fs_writes_bytes_total",
    "container_spec_memory_limit_bytes",
    "container_start_time_seconds",
    "container_last_seen"
  };

  private OpenMetricsInput() {}

  /** {@code targets * seriesPerTarget * points} sample lines and {@code # EOF}. */
  static byte[] generate(int targets, int seriesPerTarget, int points) {
    SplittableRandom r = new SplittableRandom(42);
    List<String> prefixes = new ArrayList<>();
    for (int t = 0; t < targets; t++) {
      List<String> keys = seriesOfTarget(r, seriesPerTarget);
      String extra = "job=\"push\",instance=\"127.0.0.1:" + (19100 + t) + "\"";
      for (String k : keys) {
        prefixes.add(
            k.endsWith("}")
                ? k.substring(0, k.length() - 1) + "," + extra + "} "
                : k + "{" + extra + "} ");
      }
    }
    double[] values = new double[prefixes.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextInt(1_000_000);
    }
    StringBuilder sb = new StringBuilder(prefixes.size() * points * 200);
    long t0 = 1_700_000_060L;
    for (int p = 0; p < points; p++) {
      String ts = " " + (t0 + 10L * p) + "\n";
      for (int i = 0; i < values.length; i++) {
        sb.append(prefixes.get(i)).append(value(r, values, i)).append(ts);
      }
    }
    return sb.append("# EOF\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A value spelt as Python's str/repr would: ints, 2 or 9 decimals, or a noisy full float. */
  private static String value(SplittableRandom r, double[] values, int i) {
    return switch (i % 10) {
      case 0, 1, 2, 3 -> Long.toString((long) (values[i] += r.nextInt(5000)));
      case 4, 5 -> String.format(Locale.ROOT, "%.2f", values[i] += r.nextDouble() * 10);
      case 6 -> String.format(Locale.ROOT, "%.9f", values[i] += r.nextDouble());
      case 7 -> Double.toString(r.nextDouble() * 0.005);
      default -> Long.toString((long) values[i]);
    };
  }

  private static List<String> seriesOfTarget(SplittableRandom r, int n) {
    List<String> s = new ArrayList<>(n);
    for (int c = 0; c < 8; c++) {
      for (String mode : CPU_MODES) {
        s.add("node_cpu_seconds_total{cpu=\"" + c + "\",mode=\"" + mode + "\"}");
      }
    }
    for (String m : new String[] {"MemFree", "MemAvailable", "Buffers", "Cached", "Active"}) {
      s.add("node_memory_" + m + "_bytes");
    }
    for (String d : DEVICES) {
      for (String m : new String[] {"receive_bytes_total", "transmit_bytes_total", "up"}) {
        s.add("node_network_" + m + "{device=\"" + d + "\"}");
      }
    }
    s.add(
        "node_filesystem_avail_bytes{device=\"/dev/sdb1\",fstype=\"xfs\","
            + "mountpoint=\"/var/lib/docker\"}");
    for (String h : HANDLERS) {
      for (String code : new String[] {"200", "500"}) {
        String lab = "code=\"" + code + "\",handler=\"" + h + "\",method=\"GET\"";
        for (String le : BUCKETS) {
          s.add("http_request_duration_seconds_bucket{" + lab + ",le=\"" + le + "\"}");
        }
        s.add("http_request_duration_seconds_sum{" + lab + "}");
        s.add("http_request_duration_seconds_count{" + lab + "}");
      }
    }
    for (int ci = 0; s.size() < n; ci++) {
      String app = String.format(Locale.ROOT, "app%02d", r.nextInt(40));
      String ns = new String[] {"default", "kube-system", "monitoring", "prod"}[r.nextInt(4)];
      String pod = String.format(Locale.ROOT, "%s-%08x-%05x", app, r.nextInt(), r.nextInt(1 << 20));
      String lab =
          String.format(
              Locale.ROOT,
              "container=\"%s\",id=\"/kubepods/burstable/pod%016x%016x/%016x%016x%016x%016x\","
                  + "image=\"registry.local/%s/%s:v1.%d.%d\",name=\"k8s_%s_%s_%s_%d\","
                  + "namespace=\"%s\",pod=\"%s\"",
              app,
              r.nextLong(),
              r.nextLong(),
              r.nextLong(),
              r.nextLong(),
              r.nextLong(),
              r.nextLong(),
              ns,
              app,
              r.nextInt(30),
              r.nextInt(10),
              app,
              pod,
              ns,
              ci,
              ns,
              pod);
      for (String m : CONTAINER_METRICS) {
        if (s.size() < n) {
          s.add(m + "{" + lab + "}");
        }
      }
    }
    return s;
  }
}
