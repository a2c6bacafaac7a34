package io.moraine.agent.sysfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * node_exporter 1.5.0's {@code hwmon} collector: every sensor file of sysfs {@code class/hwmon/*}
 * (and its {@code device/} directory) as {@code node_hwmon_<type>[_<element>]_<unit>{chip, sensor}}
 * with node_exporter's unit conversions ({@link HwmonFamilies}), plus {@code node_hwmon_chip_names}
 * and {@code node_hwmon_sensor_label}. No {@code class/hwmon} directory means no families and
 * success. Not thread-safe for concurrent {@link #collect}.
 */
public final class HwmonCollector implements Collector {
  private static final Pattern SENSOR_FILE = Pattern.compile("^([^0-9]+)([0-9]*)?(_(.+))?$");
  private static final Pattern INVALID = Pattern.compile("[^a-z0-9:_]");
  private static final List<String> TYPES =
      List.of(
          "vrm",
          "beep_enable",
          "update_interval",
          "in",
          "cpu",
          "fan",
          "pwm",
          "temp",
          "curr",
          "power",
          "energy",
          "humidity",
          "intrusion");

  private final HostPaths paths;

  /**
   * @param paths sysfs, where {@code class/hwmon} is read
   */
  public HwmonCollector(HostPaths paths) {
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  @Override
  public String name() {
    return "hwmon";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    Path root = paths.sys("class/hwmon");
    if (!Files.isDirectory(root)) {
      return;
    }
    HwmonFamilies families = new HwmonFamilies();
    List<Path> chips = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
      dir.forEach(chips::add);
    }
    chips.sort(null);
    for (Path chipDir : chips) {
      if (Files.isDirectory(chipDir)) {
        chip(chipDir, families);
      }
    }
    families.write(out);
  }

  private void chip(Path dir, HwmonFamilies families) throws IOException {
    Path device = dir.resolve("device");
    boolean hasDevice = Files.exists(device);
    String human = readName(dir);
    String chip = chipName(dir, hasDevice ? device : null, human);
    Map<String, Map<String, String>> sensors = new TreeMap<>();
    readSensors(dir, sensors);
    if (hasDevice) {
      readSensors(device, sensors);
    }
    if (human != null) {
      families.chipName(chip, human);
    }
    for (Map.Entry<String, Map<String, String>> e : sensors.entrySet()) {
      Matcher m = SENSOR_FILE.matcher(e.getKey());
      if (m.matches()) {
        families.sensor(chip, e.getKey(), m.group(1), e.getValue());
      }
    }
  }

  /** Collects {@code <type><n>_<property>} files of a known type into sensor → property → value. */
  private static void readSensors(Path dir, Map<String, Map<String, String>> sensors)
      throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Matcher m = SENSOR_FILE.matcher(f.getFileName().toString());
        if (!m.matches() || !TYPES.contains(m.group(1))) {
          continue;
        }
        String id = m.group(2) == null ? "" : m.group(2);
        int num;
        try {
          num = id.isEmpty() ? 0 : Integer.parseInt(id);
        } catch (NumberFormatException e) {
          continue;
        }
        String property = m.group(4) == null ? "" : m.group(4);
        String value = readValue(f);
        if (value != null) {
          sensors.computeIfAbsent(m.group(1) + num, k -> new TreeMap<>()).put(property, value);
        }
      }
    }
  }

  /**
   * One read of at most 128 bytes, as node_exporter does: some drivers answer EAGAIN forever, and a
   * sensor that cannot be read is skipped, not an error.
   */
  private static @Nullable String readValue(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = new byte[128];
      int n = in.read(b);
      return n < 0 ? "" : strip(new String(b, 0, n, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  private static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '\n') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * The {@code chip} label: {@code <bus>_<device>} from the {@code device} link's target, else the
   * {@code name} file ({@code name}, already read), else the hwmon directory's own name.
   */
  private static String chipName(Path dir, @Nullable Path device, @Nullable String name)
      throws IOException {
    if (device != null) {
      Path real = device.toRealPath();
      String devName = clean(real.getFileName().toString());
      Path parent = real.getParent();
      String devType = parent == null ? "" : clean(String.valueOf(parent.getFileName()));
      if (!devType.isEmpty() && !devName.isEmpty()) {
        return devType + "_" + devName;
      }
      if (!devName.isEmpty()) {
        return devName;
      }
    }
    if (name != null) {
      return name;
    }
    String own = clean(dir.toRealPath().getFileName().toString());
    if (own.isEmpty()) {
      throw new IOException("cannot derive a chip name for " + dir);
    }
    return own;
  }

  /** The cleaned {@code name} file, or null when absent or empty after cleaning. */
  private static @Nullable String readName(Path dir) throws IOException {
    try {
      String cleaned = clean(Files.readString(dir.resolve("name"), StandardCharsets.UTF_8));
      return cleaned.isEmpty() ? null : cleaned;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Lower case, characters outside {@code [a-z0-9:_]} as {@code _}, no leading/trailing {@code _}.
   */
  static String clean(String name) {
    String s = INVALID.matcher(name.toLowerCase(java.util.Locale.ROOT)).replaceAll("_");
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '_') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '_') {
      end--;
    }
    return s.substring(start, end);
  }
}
