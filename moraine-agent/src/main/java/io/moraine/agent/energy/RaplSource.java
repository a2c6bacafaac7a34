package io.moraine.agent.energy;

import io.moraine.agent.collector.HostPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Node energy from the powercap RAPL zones under sysfs {@code class/powercap}: top-level zones
 * {@code intel-rapl:<n>} named {@code package-<id>} and their sub-zones {@code intel-rapl:<n>:<m>}
 * named {@code core}, {@code uncore} or {@code dram}. Zones with other names ({@code psys}) are
 * left out, as Kepler leaves them out.
 *
 * <p>Each {@code energy_uj} counter wraps at {@code max_energy_range_uj}; the delta between two
 * readings is taken modulo that range, so one wrap per interval is handled (a zone wraps after
 * hours at full power). The idle part of each interval is the zone's lowest average power seen so
 * far times the interval (Kepler's minimum-power estimate), capped at the measured energy; the rest
 * is dynamic.
 */
final class RaplSource implements EnergySource {
  /** Kepler's {@code source} label for the sysfs RAPL reader. */
  static final String SOURCE = "rapl";

  private static final Pattern ZONE = Pattern.compile("intel-rapl:(\\d+)(?::(\\d+))?");
  private static final Pattern PACKAGE_NAME = Pattern.compile("package-(\\d+)");

  private final List<Zone> zones;
  private final Path[] energyFiles;
  private final long[] rangeMicrojoules;
  private final long[] previous;
  private final double[] minWatts;

  private RaplSource(List<Zone> zones, List<Path> energyFiles, long[] rangeMicrojoules) {
    this.zones = List.copyOf(zones);
    this.energyFiles = energyFiles.toArray(Path[]::new);
    this.rangeMicrojoules = rangeMicrojoules;
    this.previous = new long[zones.size()];
    this.minWatts = new double[zones.size()];
    Arrays.fill(minWatts, Double.POSITIVE_INFINITY);
  }

  /**
   * Finds the zones and checks that every counter can be read.
   *
   * @throws RaplUnavailableException when there are no package zones or a counter is unreadable
   * @throws IOException when a zone's {@code name} or the powercap directory cannot be read
   */
  static RaplSource open(HostPaths paths) throws RaplUnavailableException, IOException {
    Path dir = paths.sys("class/powercap");
    if (!Files.isDirectory(dir)) {
      throw new RaplUnavailableException("no " + dir + " (no powercap driver)");
    }
    Map<String, String> packageOfTop = new HashMap<>();
    List<Path> subzones = new ArrayList<>();
    List<Path> tops = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        Matcher m = ZONE.matcher(p.getFileName().toString());
        if (m.matches()) {
          (m.group(2) == null ? tops : subzones).add(p);
        }
      }
    }
    return build(dir, tops, subzones, packageOfTop);
  }

  private static RaplSource build(
      Path dir, List<Path> tops, List<Path> subzones, Map<String, String> packageOfTop)
      throws RaplUnavailableException, IOException {
    List<Zone> zones = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    tops.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path top : tops) {
      Matcher m = PACKAGE_NAME.matcher(readName(top));
      if (m.matches()) {
        packageOfTop.put(zoneIndex(top), m.group(1));
        zones.add(new Zone(Component.PACKAGE, m.group(1)));
        files.add(top);
      }
    }
    if (zones.isEmpty()) {
      throw new RaplUnavailableException("no RAPL package zone under " + dir);
    }
    subzones.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path sub : subzones) {
      String pkg = packageOfTop.get(zoneIndex(sub));
      Component c = subzoneComponent(readName(sub));
      if (pkg != null && c != null) {
        zones.add(new Zone(c, pkg));
        files.add(sub);
      }
    }
    long[] ranges = new long[files.size()];
    List<Path> energy = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path zoneDir = files.get(i);
      ranges[i] = readRange(zoneDir.resolve("max_energy_range_uj"));
      Path e = zoneDir.resolve("energy_uj");
      try {
        readCounter(e);
      } catch (IOException ex) {
        throw new RaplUnavailableException(
            "cannot read "
                + e
                + " ("
                + ex.getClass().getSimpleName()
                + ": "
                + ex.getMessage()
                + "); newer kernels make it readable by root only");
      }
      energy.add(e);
    }
    return new RaplSource(zones, energy, ranges);
  }

  private static String zoneIndex(Path zone) {
    Matcher m = ZONE.matcher(zone.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("BUG: not a RAPL zone: " + zone);
    }
    return m.group(1);
  }

  private static @Nullable Component subzoneComponent(String name) {
    return switch (name) {
      case "core" -> Component.CORE;
      case "uncore" -> Component.UNCORE;
      case "dram" -> Component.DRAM;
      default -> null;
    };
  }

  private static String readName(Path zone) throws IOException {
    return Files.readString(zone.resolve("name")).trim();
  }

  private static long readRange(Path file) throws IOException {
    try {
      return readCounter(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private static long readCounter(Path file) throws IOException {
    String s = Files.readString(file).trim();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not a counter: \"" + s + "\"", e);
    }
  }

  @Override
  public String sourceLabel() {
    return SOURCE;
  }

  @Override
  public List<Zone> zones() {
    return zones;
  }

  @Override
  public void prime() throws IOException {
    for (int i = 0; i < energyFiles.length; i++) {
      previous[i] = readCounter(energyFiles[i]);
    }
  }

  @Override
  public void interval(double utilisation, int cores, double seconds, double[][] out)
      throws IOException {
    for (int i = 0; i < energyFiles.length; i++) {
      long now = readCounter(energyFiles[i]);
      double joules = deltaMicrojoules(previous[i], now, rangeMicrojoules[i]) / 1e6;
      previous[i] = now;
      if (seconds > 0) {
        minWatts[i] = Math.min(minWatts[i], joules / seconds);
      }
      double idle = seconds > 0 ? Math.min(minWatts[i] * seconds, joules) : joules;
      out[i][0] = joules - idle;
      out[i][1] = idle;
    }
  }

  /**
   * The energy between two readings of a counter that wraps to 0 after {@code range}: a reading
   * below the previous one means one wrap. With no usable range, the new reading alone is taken.
   */
  static long deltaMicrojoules(long previous, long now, long range) {
    if (now >= previous) {
      return now - previous;
    }
    return range >= previous ? range - previous + now : now;
  }
}
