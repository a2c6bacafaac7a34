package io.moraine.agent.sysfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import io.moraine.agent.procfs.ProcText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * node_exporter 1.5.0's {@code diskstats} collector: the counters of procfs {@code diskstats} as
 * {@code node_disk_*{device}} (sectors as 512-byte units, milliseconds as seconds), the discard and
 * flush counters only where the kernel writes those columns, and {@code node_disk_info}, {@code
 * node_disk_filesystem_info}, {@code node_disk_device_mapper_info} and {@code node_disk_ata_*} from
 * the udev database. Not thread-safe for concurrent {@link #collect}.
 */
public final class DiskstatsCollector implements Collector {
  private static final String[] DEVICE = {"device"};
  private static final double SECONDS_PER_MS = 1.0 / 1000.0;
  private static final double SECTOR_BYTES = 512.0;

  /** One counter column of a diskstats line, in kernel order. */
  private record Column(String name, MetricType type, String help, double scale) {}

  private static final Column[] COLUMNS = {
    counter("reads_completed_total", "The total number of reads completed successfully.", 1),
    counter("reads_merged_total", "The total number of reads merged.", 1),
    counter("read_bytes_total", "The total number of bytes read successfully.", SECTOR_BYTES),
    counter(
        "read_time_seconds_total",
        "The total number of seconds spent by all reads.",
        SECONDS_PER_MS),
    counter("writes_completed_total", "The total number of writes completed successfully.", 1),
    counter("writes_merged_total", "The number of writes merged.", 1),
    counter("written_bytes_total", "The total number of bytes written successfully.", SECTOR_BYTES),
    counter(
        "write_time_seconds_total",
        "This is the total number of seconds spent by all writes.",
        SECONDS_PER_MS),
    new Column(
        "node_disk_io_now", MetricType.GAUGE, "The number of I/Os currently in progress.", 1),
    counter("io_time_seconds_total", "Total seconds spent doing I/Os.", SECONDS_PER_MS),
    counter(
        "io_time_weighted_seconds_total",
        "The weighted # of seconds spent doing I/Os.",
        SECONDS_PER_MS),
    counter("discards_completed_total", "The total number of discards completed successfully.", 1),
    counter("discards_merged_total", "The total number of discards merged.", 1),
    counter("discarded_sectors_total", "The total number of sectors discarded successfully.", 1),
    counter(
        "discard_time_seconds_total",
        "This is the total number of seconds spent by all discards.",
        SECONDS_PER_MS),
    counter("flush_requests_total", "The total number of flush requests completed successfully", 1),
    counter(
        "flush_requests_time_seconds_total",
        "This is the total number of seconds spent by all flush requests.",
        SECONDS_PER_MS),
  };

  private static Column counter(String suffix, String help, double scale) {
    return new Column("node_disk_" + suffix, MetricType.COUNTER, help, scale);
  }

  /** One device's line: its counters and how many columns the kernel wrote. */
  private record Disk(
      String device, long major, long minor, long[] values, int count, Map<String, String> udev) {}

  private final Path diskstats;
  private final DeviceFilter filter;
  private final Path udevData;
  private final ProcText text = new ProcText();

  /**
   * @param paths procfs (for {@code diskstats}) and rootfs (for the udev database)
   * @param options device filter and udev database location
   */
  public DiskstatsCollector(HostPaths paths, DiskstatsOptions options) {
    this.diskstats = Objects.requireNonNull(paths, "paths").proc("diskstats");
    this.filter = new DeviceFilter(options.deviceExclude(), options.deviceInclude());
    this.udevData = paths.root(options.udevData());
  }

  @Override
  public String name() {
    return "diskstats";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    List<Disk> disks = read();
    writeInfo(out, disks);
    for (int c = 0; c < COLUMNS.length; c++) {
      Column col = COLUMNS[c];
      out.family(col.name(), col.type(), col.help());
      for (Disk d : disks) {
        if (c < d.count()) {
          out.sample(
              DEVICE,
              new String[] {d.device()},
              ProcText.uint64ToDouble(d.values()[c]) * col.scale());
        }
      }
    }
    writeUdev(out, disks);
  }

  private List<Disk> read() throws IOException {
    text.load(diskstats);
    List<Disk> disks = new ArrayList<>();
    for (; text.hasLine(); text.nextLine()) {
      if (!text.hasToken()) {
        continue;
      }
      long major = text.nextUint64();
      long minor = text.nextUint64();
      String device = text.nextToken() ? text.token() : "";
      long[] values = new long[COLUMNS.length];
      int count = 0;
      while (text.hasToken()) {
        long v = text.nextUint64();
        if (count < values.length) {
          values[count] = v;
        }
        count++;
      }
      if (!filter.ignored(device)) {
        disks.add(new Disk(device, major, minor, values, count, udev(major, minor)));
      }
    }
    return disks;
  }

  private Map<String, String> udev(long major, long minor) throws IOException {
    List<String> lines;
    try {
      lines =
          Files.readAllLines(udevData.resolve("b" + major + ":" + minor), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    Map<String, String> props = new HashMap<>();
    for (String l : lines) {
      int eq = l.indexOf('=');
      if (l.startsWith("E:") && eq > 0) {
        props.put(l.substring(2, eq), l.substring(eq + 1));
      }
    }
    return props;
  }

  private static void writeInfo(MetricWriter out, List<Disk> disks) throws IOException {
    out.family("node_disk_info", MetricType.GAUGE, "Info of /sys/block/<block_device>.");
    String[] names = {"device", "major", "minor", "path", "wwn", "model", "serial", "revision"};
    for (Disk d : disks) {
      Map<String, String> u = d.udev();
      out.sample(
          names,
          new String[] {
            d.device(),
            Long.toString(d.major()),
            Long.toString(d.minor()),
            u.getOrDefault("ID_PATH", ""),
            u.getOrDefault("ID_WWN", ""),
            u.getOrDefault("ID_MODEL", ""),
            u.getOrDefault("ID_SERIAL_SHORT", ""),
            u.getOrDefault("ID_REVISION", "")
          },
          1);
    }
  }

  private static void writeUdev(MetricWriter out, List<Disk> disks) throws IOException {
    udevInfo(
        out,
        disks,
        "node_disk_filesystem_info",
        "Info about disk filesystem.",
        new String[] {"device", "type", "usage", "uuid", "version"},
        "ID_FS_TYPE",
        "ID_FS_USAGE",
        "ID_FS_UUID",
        "ID_FS_VERSION");
    udevInfo(
        out,
        disks,
        "node_disk_device_mapper_info",
        "Info about disk device mapper.",
        new String[] {"device", "name", "uuid", "vg_name", "lv_name", "lv_layer"},
        "DM_NAME",
        "DM_UUID",
        "DM_VG_NAME",
        "DM_LV_NAME",
        "DM_LV_LAYER");
    ata(
        out,
        disks,
        "ID_ATA_WRITE_CACHE",
        "node_disk_ata_write_cache",
        "ATA disk has a write cache.");
    ata(
        out,
        disks,
        "ID_ATA_WRITE_CACHE_ENABLED",
        "node_disk_ata_write_cache_enabled",
        "ATA disk has its write cache enabled.");
    ata(
        out,
        disks,
        "ID_ATA_ROTATION_RATE_RPM",
        "node_disk_ata_rotation_rate_rpm",
        "ATA disk rotation rate in RPMs (0 for SSDs).");
  }

  /**
   * An info family of the disks whose udev property {@code keys[0]} is set: labels {@code device},
   * then one per key, in order.
   */
  private static void udevInfo(
      MetricWriter out, List<Disk> disks, String name, String help, String[] labels, String... keys)
      throws IOException {
    out.family(name, MetricType.GAUGE, help);
    for (Disk d : disks) {
      Map<String, String> u = d.udev();
      if (u.getOrDefault(keys[0], "").isEmpty()) {
        continue;
      }
      String[] values = new String[labels.length];
      values[0] = d.device();
      for (int k = 0; k < keys.length; k++) {
        values[k + 1] = u.getOrDefault(keys[k], "");
      }
      out.sample(labels, values, 1);
    }
  }

  /** An ATA udev property of disks that have {@code ID_ATA}, when it parses as a number. */
  private static void ata(MetricWriter out, List<Disk> disks, String key, String name, String help)
      throws IOException {
    out.family(name, MetricType.GAUGE, help);
    for (Disk d : disks) {
      String ata = d.udev().getOrDefault("ID_ATA", "");
      String v = d.udev().get(key);
      if (ata.isEmpty() || v == null) {
        continue;
      }
      try {
        out.sample(DEVICE, new String[] {d.device()}, Double.parseDouble(v));
      } catch (NumberFormatException e) {
        // node_exporter logs and skips an unparsable value; so do we, quietly.
      }
    }
  }
}
