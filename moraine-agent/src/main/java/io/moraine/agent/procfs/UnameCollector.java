package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * node_exporter's {@code uname} collector: {@code
 * node_uname_info{sysname,release,version,machine,nodename,domainname} 1}. node_exporter calls
 * {@code uname(2)}; this reads the same strings from {@code /proc/sys/kernel/{ostype, osrelease,
 * version, hostname, domainname}} (so that a DaemonSet reports the host's names through a mounted
 * procfs) and takes the machine, which procfs does not show, from the constructor. Not thread-safe
 * (the agent serialises scrapes).
 */
public final class UnameCollector implements Collector {
  private static final String[] LABELS = {
    "domainname", "machine", "nodename", "release", "sysname", "version"
  };

  private final HostPaths paths;
  private final String machine;
  private final ProcText text = new ProcText();
  private final String[] values = new String[LABELS.length];

  /**
   * @param paths where procfs is mounted; reads {@code <procfs>/sys/kernel/*}
   * @param machine the {@code machine} label, as {@code uname -m} prints it (e.g. {@code x86_64})
   */
  public UnameCollector(HostPaths paths, String machine) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.machine = Objects.requireNonNull(machine, "machine");
  }

  /**
   * A collector whose machine is this JVM's architecture, see {@link #machineOf}.
   *
   * @param paths where procfs is mounted; reads {@code <procfs>/sys/kernel/*}
   */
  public UnameCollector(HostPaths paths) {
    this(paths, machineOf(System.getProperty("os.arch", "unknown")));
  }

  /**
   * The kernel's machine name for a JVM {@code os.arch}: {@code amd64} is {@code x86_64}, {@code
   * x86} and {@code i386} are {@code i686}; other names ({@code aarch64}, {@code ppc64le}, {@code
   * s390x}, {@code riscv64}) are the same in both.
   */
  public static String machineOf(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "x86", "i386", "i486", "i586", "i686" -> "i686";
      default -> osArch;
    };
  }

  @Override
  public String name() {
    return "uname";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    values[0] = read("domainname");
    values[1] = machine;
    values[2] = read("hostname");
    values[3] = read("osrelease");
    values[4] = read("ostype");
    values[5] = read("version");
    out.family(
        "node_uname_info",
        MetricType.GAUGE,
        "Labeled system information as provided by the uname system call.");
    out.sample(LABELS, values, 1);
  }

  private String read(String sysctl) throws IOException {
    text.load(paths.proc("sys/kernel/" + sysctl));
    return text.rest();
  }
}
