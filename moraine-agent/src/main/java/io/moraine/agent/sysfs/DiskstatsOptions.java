package io.moraine.agent.sysfs;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the {@link DiskstatsCollector}, as node_exporter's {@code
 * --collector.diskstats.device-exclude}, {@code --collector.diskstats.device-include} and {@code
 * --path.udev.data}.
 *
 * @param deviceExclude devices to skip (matched anywhere in the name, so anchor it), or null
 * @param deviceInclude when set, only matching devices are kept; mutually exclusive with {@code
 *     deviceExclude}
 * @param udevData the host's udev database directory (absolute host path, resolved under rootfs),
 *     read for {@code node_disk_info} and the other udev families; a missing file leaves the labels
 *     empty
 */
public record DiskstatsOptions(
    @Nullable Pattern deviceExclude, @Nullable Pattern deviceInclude, String udevData) {
  /** node_exporter 1.5.0's default device exclusion. */
  public static final String DEFAULT_DEVICE_EXCLUDE =
      "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  /** node_exporter 1.5.0's defaults. */
  public static final DiskstatsOptions DEFAULT =
      new DiskstatsOptions(Pattern.compile(DEFAULT_DEVICE_EXCLUDE), null, "/run/udev/data");

  public DiskstatsOptions {
    Objects.requireNonNull(udevData, "udevData");
    if (deviceExclude != null && deviceInclude != null) {
      throw new IllegalArgumentException(
          "diskstats deviceExclude and deviceInclude are mutually exclusive");
    }
  }
}
