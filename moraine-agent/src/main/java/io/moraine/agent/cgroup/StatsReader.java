package io.moraine.agent.cgroup;

import static io.moraine.agent.cgroup.FileBytes.ABSENT;

import io.moraine.agent.collector.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a cgroup's files (v1 or v2) into a {@link CgroupStats} in cAdvisor's units, and a process's
 * {@code net/dev}. Reuses one buffer; not thread-safe.
 */
final class StatsReader {
  /** USER_HZ: cpuacct.stat counts in ticks of 1/100 s on every Linux architecture we run on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** cAdvisor reports a memory limit above 2^62 (unlimited) as 0. */
  private static final long UNLIMITED = 1L << 62;

  /** Interfaces cAdvisor leaves out of container network stats (lower-case prefixes). */
  private static final String[] IGNORED_INTERFACES = {"lo", "veth", "docker", "nerdctl"};

  private final CgroupFs fs;
  private final HostPaths paths;
  private final FileBytes f = new FileBytes();

  StatsReader(CgroupFs fs, HostPaths paths) {
    this.fs = fs;
    this.paths = paths;
  }

  /** Fills {@code s} (after resetting it) with cgroup {@code path}'s readings. */
  void read(String path, CgroupStats s) throws IOException {
    s.reset();
    if (fs.v2) {
      readV2(fs.main(path), s);
    } else {
      readV1(path, s);
    }
    try {
      s.startMillis = Files.getLastModifiedTime(fs.main(path)).toMillis();
    } catch (NoSuchFileException e) {
      // gone while reading
    }
  }

  /** CPU time (user + system as cAdvisor's usage), ns, of cgroup {@code path}, or ABSENT. */
  long cpuUsageNanos(String path) throws IOException {
    if (fs.v2) {
      return f.read(fs.main(path).resolve("cpu.stat"))
          ? times(f.keyed("usage_usec"), 1000)
          : ABSENT;
    }
    Path d = fs.cpuacct(path);
    return d != null && f.read(d.resolve("cpuacct.usage")) ? f.firstNumber() : ABSENT;
  }

  private void readV1(String path, CgroupStats s) throws IOException {
    Path acct = fs.cpuacct(path);
    if (acct != null) {
      if (f.read(acct.resolve("cpuacct.usage"))) {
        s.cpuUsageNanos = f.firstNumber();
      }
      if (f.read(acct.resolve("cpuacct.stat"))) {
        s.cpuUserNanos = times(f.keyed("user"), NANOS_PER_TICK);
        s.cpuSystemNanos = times(f.keyed("system"), NANOS_PER_TICK);
      }
    }
    Path cpu = fs.cpu(path);
    if (cpu != null && f.read(cpu.resolve("cpu.shares"))) {
      s.cpuShares = f.firstNumber();
      s.cpuPeriod = f.read(cpu.resolve("cpu.cfs_period_us")) ? f.firstNumber() : ABSENT;
      long quota = f.read(cpu.resolve("cpu.cfs_quota_us")) ? f.firstNumber() : ABSENT;
      s.cpuQuota = quota < 0 ? 0 : quota;
      if (f.read(cpu.resolve("cpu.stat"))) {
        s.cfsPeriods = f.keyed("nr_periods");
        s.cfsThrottledPeriods = f.keyed("nr_throttled");
        s.cfsThrottledNanos = f.keyed("throttled_time");
      }
    }
    Path mem = fs.memory(path);
    if (mem != null && f.read(mem.resolve("memory.usage_in_bytes"))) {
      s.memoryUsage = f.firstNumber();
      s.memoryLimit = f.read(mem.resolve("memory.limit_in_bytes")) ? f.firstNumber() : ABSENT;
      s.memoryFailcnt = f.read(mem.resolve("memory.failcnt")) ? f.firstNumber() : ABSENT;
      if (f.read(mem.resolve("memory.stat"))) {
        s.memoryCache = f.keyed("total_cache");
        s.memoryRss = f.keyed("total_rss");
        s.memorySwap = f.keyed("total_swap");
        s.memoryWorkingSet = workingSet(s.memoryUsage, f.keyed("total_inactive_file"));
      }
    }
    Path blkio = fs.blkio(path);
    if (blkio != null) {
      if (f.read(blkio.resolve("blkio.throttle.io_service_bytes_recursive"))
          || f.read(blkio.resolve("blkio.throttle.io_service_bytes"))) {
        blkioLines(s, true);
      }
      if (f.read(blkio.resolve("blkio.throttle.io_serviced_recursive"))
          || f.read(blkio.resolve("blkio.throttle.io_serviced"))) {
        blkioLines(s, false);
      }
    }
  }

  private void readV2(Path d, CgroupStats s) throws IOException {
    if (f.read(d.resolve("cpu.stat"))) {
      s.cpuUsageNanos = times(f.keyed("usage_usec"), 1000);
      s.cpuUserNanos = times(f.keyed("user_usec"), 1000);
      s.cpuSystemNanos = times(f.keyed("system_usec"), 1000);
      s.cfsPeriods = f.keyed("nr_periods");
      s.cfsThrottledPeriods = f.keyed("nr_throttled");
      s.cfsThrottledNanos = times(f.keyed("throttled_usec"), 1000);
    }
    if (f.read(d.resolve("cpu.max"))) {
      long quota = f.firstNumber();
      s.cpuQuota = quota == Long.MAX_VALUE ? 0 : quota;
      s.cpuPeriod = f.number(f.skipSpaces(f.tokenEnd(f.skipSpaces(0))));
      if (f.read(d.resolve("cpu.weight"))) {
        long w = f.firstNumber();
        // the inverse of runc's shares-to-weight mapping, as cAdvisor converts it back
        s.cpuShares = w >= 1 && w <= 10_000 ? 2 + ((w - 1) * 262_142) / 9_999 : ABSENT;
      }
    }
    if (f.read(d.resolve("memory.current"))) {
      s.memoryUsage = f.firstNumber();
      s.memoryLimit = f.read(d.resolve("memory.max")) ? f.firstNumber() : ABSENT;
      s.memorySwap = f.read(d.resolve("memory.swap.current")) ? f.firstNumber() : ABSENT;
      s.memoryFailcnt = f.read(d.resolve("memory.events")) ? f.keyed("max") : ABSENT;
    }
    if (f.read(d.resolve("memory.stat"))) {
      s.memoryCache = f.keyed("file");
      s.memoryRss = f.keyed("anon");
      if (s.memoryUsage != ABSENT) {
        s.memoryWorkingSet = workingSet(s.memoryUsage, f.keyed("inactive_file"));
      }
    }
    if (f.read(d.resolve("io.stat"))) {
      ioStat(s);
    }
  }

  /** Memory limit as cAdvisor reports it: 0 when unlimited. */
  static long specLimit(long limit) {
    return limit > UNLIMITED ? 0 : limit;
  }

  private static long workingSet(long usage, long inactiveFile) {
    if (usage == ABSENT) {
      return ABSENT;
    }
    long inactive = inactiveFile == ABSENT ? 0 : inactiveFile;
    return Math.max(0, usage - inactive);
  }

  private static long times(long v, long factor) {
    return v == ABSENT ? ABSENT : v * factor;
  }

  /** {@code maj:min Read|Write n} lines of blkio.throttle.*. */
  private void blkioLines(CgroupStats s, boolean bytes) {
    for (int at = 0; at < f.length(); at = f.nextLine(at)) {
      int colon = f.tokenEnd(at);
      if (colon >= f.length() || f.at(colon) != ':') {
        continue; // the "Total n" line
      }
      long major = f.number(at);
      long minor = f.number(colon + 1);
      int op = f.skipSpaces(f.tokenEnd(colon + 1));
      boolean read = f.matches(op, "Read ");
      boolean write = f.matches(op, "Write ");
      if (!read && !write) {
        continue;
      }
      long v = f.number(f.skipSpaces(f.tokenEnd(op)));
      int i = s.device(major << 32 | minor);
      long[] target = bytes ? (read ? s.readBytes : s.writeBytes) : (read ? s.reads : s.writes);
      target[i] = v;
    }
  }

  /** {@code maj:min rbytes=n wbytes=n rios=n wios=n ...} lines of io.stat. */
  private void ioStat(CgroupStats s) {
    for (int at = 0; at < f.length(); at = f.nextLine(at)) {
      int colon = f.tokenEnd(at);
      if (colon >= f.length() || f.at(colon) != ':') {
        continue;
      }
      int i = s.device(f.number(at) << 32 | f.number(colon + 1));
      int end = f.nextLine(at);
      for (int k = f.skipSpaces(f.tokenEnd(colon + 1)); k < end && f.at(k) != '\n'; ) {
        int eq = f.tokenEnd(k);
        long v = f.number(eq + 1);
        if (f.matches(k, "rbytes=")) {
          s.readBytes[i] = v;
        } else if (f.matches(k, "wbytes=")) {
          s.writeBytes[i] = v;
        } else if (f.matches(k, "rios=")) {
          s.reads[i] = v;
        } else if (f.matches(k, "wios=")) {
          s.writes[i] = v;
        }
        k = f.skipSpaces(f.tokenEnd(eq + 1));
      }
    }
  }

  /** The first process of cgroup {@code path} (from cgroup.procs), or -1 when it has none. */
  long firstPid(String path) throws IOException {
    Path d = fs.main(path);
    if (f.read(d.resolve("cgroup.procs")) && f.length() > 0) {
      long pid = f.firstNumber();
      return pid == ABSENT ? -1 : pid;
    }
    return -1;
  }

  /** Reads {@code /proc/<pid>/net/dev} into {@code s}'s interfaces, skipping cAdvisor's ignored. */
  void network(long pid, CgroupStats s) throws IOException {
    if (!f.read(paths.proc(pid + "/net/dev"))) {
      return;
    }
    int at = f.nextLine(f.nextLine(0));
    for (; at < f.length(); at = f.nextLine(at)) {
      int start = f.skipSpaces(at);
      int colon = f.tokenEnd(start);
      if (colon >= f.length() || f.at(colon) != ':') {
        continue;
      }
      String name = f.text(start, colon);
      if (ignored(name)) {
        continue;
      }
      int i = s.addInterface(name);
      int k = colon + 1;
      for (int field = 0; field < 12; field++) {
        k = f.skipSpaces(k);
        long v = f.number(k);
        k = f.tokenEnd(k);
        int slot = field < 4 ? field : field >= 8 ? field - 4 : -1;
        if (slot >= 0) {
          s.net[slot][i] = v;
        }
      }
    }
  }

  static boolean ignored(String iface) {
    for (String p : IGNORED_INTERFACES) {
      if (iface.regionMatches(true, 0, p, 0, p.length())) {
        return true;
      }
    }
    return false;
  }
}
