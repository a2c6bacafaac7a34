package io.moraine.agent.self;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's own process, with client_golang's {@code process_*} names: CPU seconds, resident and
 * virtual memory, start time, open and maximum file descriptors. Reads {@code <procSelf>/stat},
 * {@code status}, {@code limits}, {@code fd/}, and the boot time from {@code <procRoot>/stat}.
 */
public final class ProcessCollector implements Collector {
  private static final double TICKS_PER_SECOND = 100.0;

  private final Path self;
  private final Path procStat;
  private long bootTime = -1;

  /**
   * @param self the process's procfs directory ({@code /proc/self} in production)
   * @param procStat the system-wide stat file for the boot time ({@code /proc/stat})
   */
  public ProcessCollector(Path self, Path procStat) {
    this.self = self;
    this.procStat = procStat;
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    String stat = Files.readString(self.resolve("stat"), StandardCharsets.US_ASCII);
    // Fields after the command name in parentheses, which may itself contain spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] is field 3 (state): utime is field 14, stime 15, starttime 22, vsize 23.
    double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    long startTicks = Long.parseLong(f[19]);
    long vsize = Long.parseLong(f[20]);
    out.family(
        "process_cpu_seconds_total",
        MetricType.COUNTER,
        "Total user and system CPU time spent in seconds.");
    out.sample(cpu);
    out.family("process_resident_memory_bytes", MetricType.GAUGE, "Resident memory size in bytes.");
    out.sample(statusKilobytes("VmRSS:") * 1024.0);
    out.family("process_virtual_memory_bytes", MetricType.GAUGE, "Virtual memory size in bytes.");
    out.sample(vsize);
    long boot = bootTime();
    if (boot > 0) {
      out.family(
          "process_start_time_seconds",
          MetricType.GAUGE,
          "Start time of the process since unix epoch in seconds.");
      out.sample(boot + startTicks / TICKS_PER_SECOND);
    }
    out.family("process_open_fds", MetricType.GAUGE, "Number of open file descriptors.");
    out.sample(openFds());
    long max = maxFds();
    if (max > 0) {
      out.family("process_max_fds", MetricType.GAUGE, "Maximum number of open file descriptors.");
      out.sample(max);
    }
  }

  private long statusKilobytes(String key) throws IOException {
    String status = Files.readString(self.resolve("status"), StandardCharsets.UTF_8);
    int at = status.indexOf("\n" + key);
    if (at < 0) {
      throw new IOException(self.resolve("status") + ": no " + key + " line");
    }
    int i = at + 1 + key.length();
    while (i < status.length() && (status.charAt(i) == ' ' || status.charAt(i) == '\t')) {
      i++;
    }
    long v = 0;
    while (i < status.length() && Character.isDigit(status.charAt(i))) {
      v = v * 10 + (status.charAt(i++) - '0');
    }
    return v;
  }

  /** The boot time never changes while the agent runs: read once. */
  private long bootTime() throws IOException {
    if (bootTime < 0) {
      String stat = Files.readString(procStat, StandardCharsets.US_ASCII);
      int at = stat.indexOf("\nbtime ");
      int end = at < 0 ? -1 : stat.indexOf('\n', at + 1);
      bootTime =
          at < 0 ? 0 : Long.parseLong(stat.substring(at + 7, end < 0 ? stat.length() : end).trim());
    }
    return bootTime;
  }

  private int openFds() throws IOException {
    int n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(self.resolve("fd"))) {
      for (Path ignored : fds) {
        n++;
      }
    }
    return n;
  }

  private long maxFds() throws IOException {
    String limits = Files.readString(self.resolve("limits"), StandardCharsets.US_ASCII);
    int at = limits.indexOf("Max open files");
    if (at < 0) {
      return 0;
    }
    int i = at + "Max open files".length();
    while (i < limits.length() && limits.charAt(i) == ' ') {
      i++;
    }
    long v = 0;
    boolean digits = false;
    while (i < limits.length() && Character.isDigit(limits.charAt(i))) {
      v = v * 10 + (limits.charAt(i++) - '0');
      digits = true;
    }
    return digits ? v : 0; // "unlimited"
  }
}
