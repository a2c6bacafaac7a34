package io.moraine.agent.cgroup;

import static io.moraine.agent.cgroup.FileBytes.ABSENT;

import java.util.Arrays;

/**
 * One cgroup's readings in cAdvisor's units (nanoseconds for CPU, bytes, microseconds for the CFS
 * spec), {@link FileBytes#ABSENT} where the cgroup has no such file. Mutable and reused between
 * scrapes ({@link #reset}); not thread-safe.
 */
final class CgroupStats {
  long cpuUsageNanos;
  long cpuUserNanos;
  long cpuSystemNanos;
  long cfsPeriods;
  long cfsThrottledPeriods;
  long cfsThrottledNanos;
  long memoryUsage;
  long memoryCache;
  long memoryRss;
  long memorySwap;
  long memoryFailcnt;
  long memoryWorkingSet;
  long memoryLimit;

  /** Microseconds; 0 when unlimited. ABSENT when the cgroup has no cpu controller. */
  long cpuQuota;

  long cpuPeriod;
  long cpuShares;
  long startMillis;

  /** Block devices: {@code major << 32 | minor}, and per device the four counters. */
  long[] devices = new long[4];

  long[] readBytes = new long[4];
  long[] writeBytes = new long[4];
  long[] reads = new long[4];
  long[] writes = new long[4];
  int deviceCount;

  /** Network interfaces and their eight counters (rx bytes, packets, errs, drop; then tx). */
  String[] interfaces = new String[4];

  long[][] net = new long[8][4];
  int interfaceCount;

  void reset() {
    cpuUsageNanos = ABSENT;
    cpuUserNanos = ABSENT;
    cpuSystemNanos = ABSENT;
    cfsPeriods = ABSENT;
    cfsThrottledPeriods = ABSENT;
    cfsThrottledNanos = ABSENT;
    memoryUsage = ABSENT;
    memoryCache = ABSENT;
    memoryRss = ABSENT;
    memorySwap = ABSENT;
    memoryFailcnt = ABSENT;
    memoryWorkingSet = ABSENT;
    memoryLimit = ABSENT;
    cpuQuota = ABSENT;
    cpuPeriod = ABSENT;
    cpuShares = ABSENT;
    startMillis = ABSENT;
    deviceCount = 0;
    interfaceCount = 0;
  }

  /** The index of device {@code majMin}, added with zero counters when new. */
  int device(long majMin) {
    for (int i = 0; i < deviceCount; i++) {
      if (devices[i] == majMin) {
        return i;
      }
    }
    if (deviceCount == devices.length) {
      int n = deviceCount * 2;
      devices = Arrays.copyOf(devices, n);
      readBytes = Arrays.copyOf(readBytes, n);
      writeBytes = Arrays.copyOf(writeBytes, n);
      reads = Arrays.copyOf(reads, n);
      writes = Arrays.copyOf(writes, n);
    }
    int i = deviceCount++;
    devices[i] = majMin;
    readBytes[i] = 0;
    writeBytes[i] = 0;
    reads[i] = 0;
    writes[i] = 0;
    return i;
  }

  /** Adds an interface; returns its index. */
  int addInterface(String name) {
    if (interfaceCount == interfaces.length) {
      int n = interfaceCount * 2;
      interfaces = Arrays.copyOf(interfaces, n);
      for (int k = 0; k < net.length; k++) {
        net[k] = Arrays.copyOf(net[k], n);
      }
    }
    interfaces[interfaceCount] = name;
    return interfaceCount++;
  }
}
