package io.moraine.agent.energy;

import io.moraine.agent.collector.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The node's aggregate CPU time from {@code /proc/stat}, in USER_HZ ticks.
 *
 * @param busyTicks time not idle: {@code total - idle - iowait}
 * @param totalTicks user + nice + system + idle + iowait + irq + softirq (steal left out: in a VM
 *     it is time the vCPU did not run, so it used no power here)
 * @param cores the number of {@code cpuN} lines (online CPUs)
 */
record CpuTimes(long busyTicks, long totalTicks, int cores) {
  /** USER_HZ: 100 on every Linux architecture the agent targets (x86_64, arm64). */
  static final double TICKS_PER_SECOND = 100;

  /**
   * Reads {@code stat} under procfs.
   *
   * @throws IOException when the file cannot be read or has no well-formed {@code cpu} line
   */
  static CpuTimes read(HostPaths paths) throws IOException {
    Path file = paths.proc("stat");
    List<String> lines = Files.readAllLines(file);
    long[] f = null;
    int cores = 0;
    for (String line : lines) {
      if (line.startsWith("cpu ")) {
        f = fields(file, line);
      } else if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
        cores++;
      }
    }
    if (f == null) {
      throw new IOException(file + ": no aggregate \"cpu \" line");
    }
    long total = f[0] + f[1] + f[2] + f[3] + f[4] + f[5] + f[6];
    return new CpuTimes(total - f[3] - f[4], total, Math.max(cores, 1));
  }

  private static long[] fields(Path file, String line) throws IOException {
    String[] parts = line.trim().split("\\s+");
    if (parts.length < 8) {
      throw new IOException(file + ": \"cpu\" line has " + (parts.length - 1) + " fields, need 7");
    }
    long[] f = new long[7];
    try {
      for (int i = 0; i < 7; i++) {
        f[i] = Long.parseLong(parts[i + 1]);
      }
    } catch (NumberFormatException e) {
      throw new IOException(file + ": bad number in \"cpu\" line: " + line, e);
    }
    return f;
  }
}
