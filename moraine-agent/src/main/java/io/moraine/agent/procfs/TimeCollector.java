package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;

/**
 * node_exporter's {@code time} collector: {@code node_time_seconds} (with nanosecond precision),
 * {@code node_time_zone_offset_seconds{time_zone}} (the zone's abbreviation at that instant, e.g.
 * {@code CET} or {@code CEST}) and the clocksources of {@code /sys/devices/system/clocksource}
 * ({@code node_time_clocksource_available_info}, {@code node_time_clocksource_current_info}, with
 * {@code device} the position of the {@code clocksourceN} directory in name order). Not thread-safe
 * (the agent serialises scrapes).
 */
public final class TimeCollector implements Collector {
  private static final String[] ZONE_LABEL = {"time_zone"};
  private static final String[] CLOCKSOURCE_LABELS = {"clocksource", "device"};

  private final HostPaths paths;
  private final InstantSource clock;
  private final ZoneId zone;
  private final TimeZone timeZone;
  private final ProcText text = new ProcText();

  /**
   * @param paths where sysfs is mounted; reads {@code <sysfs>/devices/system/clocksource}
   * @param clock the wall clock reported; {@code InstantSource.system()} in the agent
   * @param zone the node's time zone; {@code ZoneId.systemDefault()} in the agent
   */
  public TimeCollector(HostPaths paths, InstantSource clock, ZoneId zone) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.timeZone = TimeZone.getTimeZone(zone);
  }

  @Override
  public String name() {
    return "time";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    Instant now = clock.instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    out.family("node_time_seconds", MetricType.GAUGE, "System time in seconds since epoch (1970).");
    out.sample(nanos / 1e9);
    int offsetSeconds = zone.getRules().getOffset(now).getTotalSeconds();
    out.family(
        "node_time_zone_offset_seconds", MetricType.GAUGE, "System time zone offset in seconds.");
    out.sample(ZONE_LABEL, new String[] {abbreviation(now, offsetSeconds)}, offsetSeconds);
    clocksources(out);
  }

  /**
   * The zone's abbreviation at {@code now} as Go's {@code time.Time.Zone()} gives it from tzdata:
   * {@code CET}, {@code EDT}, {@code UTC}, and for zones tzdata names by their offset {@code +04}
   * or {@code +0530} (where the JDK would say {@code GMT+04:00}).
   */
  private String abbreviation(Instant now, int offsetSeconds) {
    boolean dst = zone.getRules().isDaylightSavings(now);
    String name = timeZone.getDisplayName(dst, TimeZone.SHORT, Locale.US);
    if (!name.startsWith("GMT+") && !name.startsWith("GMT-")) {
      return name;
    }
    int abs = Math.abs(offsetSeconds);
    String numeric =
        String.format(Locale.ROOT, "%c%02d", offsetSeconds < 0 ? '-' : '+', abs / 3600);
    int minutes = abs % 3600 / 60;
    return minutes == 0 ? numeric : numeric + String.format(Locale.ROOT, "%02d", minutes);
  }

  private void clocksources(MetricWriter out) throws IOException {
    List<Path> dirs = clocksourceDirs(paths.sys("devices/system/clocksource"));
    List<String[]> current = new ArrayList<>(dirs.size());
    out.family(
        "node_time_clocksource_available_info",
        MetricType.GAUGE,
        "Available clocksources read from '/sys/devices/system/clocksource'.");
    for (int i = 0; i < dirs.size(); i++) {
      String device = Integer.toString(i);
      text.load(dirs.get(i).resolve("available_clocksource"));
      while (text.nextToken()) {
        out.sample(CLOCKSOURCE_LABELS, new String[] {text.token(), device}, 1);
      }
      text.load(dirs.get(i).resolve("current_clocksource"));
      current.add(new String[] {text.rest().strip(), device});
    }
    out.family(
        "node_time_clocksource_current_info",
        MetricType.GAUGE,
        "Current clocksource read from '/sys/devices/system/clocksource'.");
    for (String[] values : current) {
      out.sample(CLOCKSOURCE_LABELS, values, 1);
    }
  }

  /** The {@code clocksource<digit>...} directories, sorted by name as a shell glob sorts. */
  private static List<Path> clocksourceDirs(Path parent) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (n.length() > 11
            && n.startsWith("clocksource")
            && n.charAt(11) >= '0'
            && n.charAt(11) <= '9') {
          dirs.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    dirs.sort(null);
    return dirs;
  }
}
