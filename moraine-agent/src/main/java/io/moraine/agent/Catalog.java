package io.moraine.agent;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent's collectors by name, with whether each runs by default and a one-line description (for
 * {@code --collector.<name>} switches and their help).
 */
public final class Catalog {
  /** One collector's switch. */
  public record Entry(String name, boolean enabledByDefault, String description) {}

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "conntrack", true, "node_nf_conntrack_*: connection tracking table and statistics"),
          new Entry("cpu", true, "node_cpu_*: CPU time per CPU and mode from /proc/stat"),
          new Entry("diskstats", true, "node_disk_*: block device I/O from /proc/diskstats"),
          new Entry("entropy", true, "node_entropy_*: the kernel's entropy pool"),
          new Entry("filefd", true, "node_filefd_*: allocated and maximum file handles"),
          new Entry("filesystem", true, "node_filesystem_*: mounted file system sizes (statvfs)"),
          new Entry("hwmon", true, "node_hwmon_*: hardware monitoring chips in /sys/class/hwmon"),
          new Entry("loadavg", true, "node_load1/5/15"),
          new Entry("meminfo", true, "node_memory_*: all of /proc/meminfo"),
          new Entry(
              "netclass", true, "node_network_*: network device properties from /sys/class/net"),
          new Entry("netdev", true, "node_network_*: network devices from /proc/net/dev"),
          new Entry(
              "netstat", true, "node_netstat_*: selected /proc/net/{netstat,snmp,snmp6} fields"),
          new Entry("os", true, "node_os_*: /etc/os-release"),
          new Entry("pressure", true, "node_pressure_*: pressure stall information (PSI)"),
          new Entry("sockstat", true, "node_sockstat_*: socket counts from /proc/net/sockstat{,6}"),
          new Entry(
              "softnet",
              true,
              "node_softnet_*: per-CPU packet processing from /proc/net/softnet_stat"),
          new Entry(
              "stat", true, "node_boot_time_seconds, context switches, forks, interrupts, procs"),
          new Entry("time", true, "node_time_*: the clock, time zone and clock sources"),
          new Entry("uname", true, "node_uname_info"),
          new Entry("vmstat", true, "node_vmstat_*: selected /proc/vmstat fields"),
          new Entry("container", true, "container_*: cAdvisor's container figures from cgroups"),
          new Entry("energy", true, "kepler_*: node and container energy (RAPL, else a model)"),
          new Entry("gpu", true, "DCGM_FI_DEV_*: NVIDIA GPUs through NVML"),
          new Entry("logs", true, "moraine_agent_logs_*: the log shipper (with --logs.push-url)"),
          new Entry("process", true, "process_*: the agent's own process"));

  private Catalog() {}

  /** All collectors, in the order they run. */
  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** The names, in order. */
  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  static @Nullable Entry find(String name) {
    for (Entry e : ENTRIES) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
