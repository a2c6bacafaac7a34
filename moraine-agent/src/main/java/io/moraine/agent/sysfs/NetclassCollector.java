package io.moraine.agent.sysfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * node_exporter 1.5.0's {@code netclass} collector in its sysfs mode: per entry of sysfs {@code
 * class/net} (regular files skipped, names the ignore pattern finds left out) {@code
 * node_network_up}, {@code node_network_info} and one gauge or counter per numeric attribute file
 * ({@code mtu} as {@code node_network_mtu_bytes}, {@code speed} in Mbit/s as {@code
 * node_network_speed_bytes}, negative values included as 1.5.0 does by default, ...). An attribute
 * the kernel refuses to read (absent, no permission, {@code EINVAL}, {@code EOPNOTSUPP}, e.g. speed
 * of a virtual device) is skipped; a text attribute so skipped is an empty label. A missing {@code
 * class/net} gives no families. Not thread-safe (the agent serialises scrapes).
 */
public final class NetclassCollector implements Collector {
  /** node_exporter 1.5.0's default {@code --collector.netclass.ignored-devices}. */
  public static final Pattern DEFAULT_IGNORED = Pattern.compile("^$");

  private static final String[] DEVICE = {"device"};
  private static final String[] INFO_LABELS = {
    "address", "broadcast", "device", "duplex", "ifalias", "operstate"
  };

  private final Path classNet;
  private final Pattern ignored;
  private final AttributeReader reader = new AttributeReader();

  /**
   * @param paths where sysfs is mounted; reads {@code class/net/<device>/<attribute>} under it (the
   *     network namespace of the agent's process)
   * @param ignored devices to leave out, searched like Go's {@code MatchString}, e.g. {@link
   *     #DEFAULT_IGNORED}
   */
  public NetclassCollector(HostPaths paths, Pattern ignored) {
    this.classNet = Objects.requireNonNull(paths, "paths").sys("class/net");
    this.ignored = Objects.requireNonNull(ignored, "ignored");
  }

  /**
   * A collector with node_exporter's default ignore pattern (none ignored).
   *
   * @param paths where sysfs is mounted; see {@link #NetclassCollector(HostPaths, Pattern)}
   */
  public NetclassCollector(HostPaths paths) {
    this(paths, DEFAULT_IGNORED);
  }

  @Override
  public String name() {
    return "netclass";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    List<Path> dirs = devices();
    List<NetInterface> ifaces = new ArrayList<>(dirs.size());
    for (Path dir : dirs) {
      ifaces.add(reader.read(dir));
    }
    out.family(
        "node_network_up", MetricType.GAUGE, "Value is 1 if operstate is 'up', 0 otherwise.");
    for (NetInterface i : ifaces) {
      out.sample(DEVICE, i.device(), "up".equals(i.text(NetAttribute.OPERSTATE)) ? 1 : 0);
    }
    out.family(
        "node_network_info",
        MetricType.GAUGE,
        "Non-numeric data from /sys/class/net/<iface>, value is always 1.");
    for (NetInterface i : ifaces) {
      out.sample(
          INFO_LABELS,
          new String[] {
            i.text(NetAttribute.ADDRESS),
            i.text(NetAttribute.BROADCAST),
            i.device()[0],
            i.text(NetAttribute.DUPLEX),
            i.text(NetAttribute.IFALIAS),
            i.text(NetAttribute.OPERSTATE)
          },
          1);
    }
    for (NetAttribute a : NetAttribute.NUMERIC) {
      out.family(a.family(), a.type(), a.help());
      for (NetInterface i : ifaces) {
        if (i.has(a)) {
          long v = i.number(a);
          out.sample(DEVICE, i.device(), a == NetAttribute.SPEED ? v * 1000 * 1000 / 8 : v);
        }
      }
    }
  }

  /** The device directories, sorted by name; empty when class/net does not exist. */
  private List<Path> devices() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(classNet)) {
      for (Path p : entries) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (!ignored.matcher(p.getFileName().toString()).find()) {
          dirs.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return dirs;
    }
    dirs.sort(null);
    return dirs;
  }
}
