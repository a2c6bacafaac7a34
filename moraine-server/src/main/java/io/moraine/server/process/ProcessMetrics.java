package io.moraine.server.process;

import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The process and JVM metrics that dashboards for any Prometheus target expect, under the names
 * Prometheus' client libraries use. Process memory and file descriptors are read from {@code
 * /proc/self} on Linux and left out elsewhere. Thread-safe.
 */
public final class ProcessMetrics {
  private final Gauge.Family memoryUsed;
  private final Gauge.Family memoryCommitted;

  private ProcessMetrics(MetricRegistry registry) {
    memoryUsed =
        registry.gauge("jvm_memory_used_bytes", "Used bytes of a given JVM memory area.", "area");
    memoryCommitted =
        registry.gauge(
            "jvm_memory_committed_bytes", "Committed bytes of a given JVM memory area.", "area");
  }

  /**
   * Registers the metrics.
   *
   * @param procSelf {@code /proc/self}, or a fixture tree with {@code status}, {@code limits} and
   *     {@code fd/}; the {@code /proc} metrics are skipped when its {@code status} is unreadable
   * @return the instance whose {@link #refresh} the scrape handler calls before each write
   */
  public static ProcessMetrics register(MetricRegistry registry, Path procSelf) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      registry.counter(
          "process_cpu_seconds_total",
          "Total user and system CPU time spent in seconds.",
          () -> sun.getProcessCpuTime() / 1e9);
    }
    double start = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    registry.gauge(
        "process_start_time_seconds",
        "Start time of the process since unix epoch in seconds.",
        () -> start);
    if (Files.isReadable(procSelf.resolve("status"))) {
      registerProc(registry, procSelf);
    }
    registry.gauge(
        "jvm_threads_current",
        "Current thread count of the JVM.",
        () -> ManagementFactory.getThreadMXBean().getThreadCount());
    ProcessMetrics m = new ProcessMetrics(registry);
    m.refresh();
    return m;
  }

  private static void registerProc(MetricRegistry registry, Path procSelf) {
    Path status = procSelf.resolve("status");
    registry.gauge(
        "process_resident_memory_bytes",
        "Resident memory size in bytes.",
        () -> statusKib(status, "VmRSS:") * 1024);
    registry.gauge(
        "process_virtual_memory_bytes",
        "Virtual memory size in bytes.",
        () -> statusKib(status, "VmSize:") * 1024);
    Path fd = procSelf.resolve("fd");
    registry.gauge("process_open_fds", "Number of open file descriptors.", () -> countFds(fd));
    Path limits = procSelf.resolve("limits");
    registry.gauge(
        "process_max_fds", "Maximum number of open file descriptors.", () -> maxFds(limits));
  }

  /** Updates the labelled JVM gauges; called before each scrape. */
  public void refresh() {
    var memory = ManagementFactory.getMemoryMXBean();
    set("heap", memory.getHeapMemoryUsage());
    set("nonheap", memory.getNonHeapMemoryUsage());
  }

  private void set(String area, MemoryUsage u) {
    memoryUsed.labels(area).set(u.getUsed());
    memoryCommitted.labels(area).set(u.getCommitted());
  }

  /** A {@code kB} field of {@code /proc/self/status}, or NaN when absent or unreadable. */
  static double statusKib(Path status, String field) {
    for (String line : lines(status)) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).trim().split("\\s+");
        try {
          return Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
          return Double.NaN;
        }
      }
    }
    return Double.NaN;
  }

  /** The soft limit of {@code Max open files} in {@code /proc/self/limits}, or NaN. */
  static double maxFds(Path limits) {
    for (String line : lines(limits)) {
      if (line.startsWith("Max open files")) {
        String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
        try {
          return Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
          return Double.POSITIVE_INFINITY; // "unlimited"
        }
      }
    }
    return Double.NaN;
  }

  private static double countFds(Path fd) {
    try (Stream<Path> s = Files.list(fd)) {
      return s.count();
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      return List.of();
    }
  }
}
