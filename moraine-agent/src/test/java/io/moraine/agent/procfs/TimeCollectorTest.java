package io.moraine.agent.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zone abbreviations and offsets as Go reports them (checked with {@code TZ=<zone> date +%Z}). */
class TimeCollectorTest {
  @TempDir Path dir;

  private Recorded scrape(String zone, String instant) throws Exception {
    Recorded out = new Recorded();
    new TimeCollector(
            HostPaths.under(dir), InstantSource.fixed(Instant.parse(instant)), ZoneId.of(zone))
        .collect(out);
    return out;
  }

  @Test
  void summerTimeHasItsOwnAbbreviationAndOffset() throws Exception {
    Recorded out = scrape("Europe/Berlin", "2024-07-01T12:00:00Z");
    assertThat(out.value("node_time_zone_offset_seconds", "time_zone", "CEST")).isEqualTo(7200);
    assertThat(out.value("node_time_seconds")).isEqualTo(1719835200.0);
  }

  @Test
  void zonesNamedByTheirOffsetInTzdata() throws Exception {
    assertThat(
            scrape("Asia/Dubai", "2024-01-01T00:00:00Z").samples("node_time_zone_offset_seconds"))
        .singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("time_zone", "+04"));
    assertThat(
            scrape("Asia/Kathmandu", "2024-01-01T00:00:00Z")
                .value("node_time_zone_offset_seconds", "time_zone", "+0545"))
        .isEqualTo(20700);
    assertThat(
            scrape("America/Sao_Paulo", "2024-01-01T00:00:00Z")
                .value("node_time_zone_offset_seconds", "time_zone", "-03"))
        .isEqualTo(-10800);
    assertThat(
            scrape("UTC", "2024-01-01T00:00:00Z")
                .value("node_time_zone_offset_seconds", "time_zone", "UTC"))
        .isZero();
  }

  @Test
  void noClocksourceDirectoryMeansNoClocksourceFamilies() throws Exception {
    Recorded out = scrape("UTC", "2024-01-01T00:00:00Z");
    assertThat(out.families())
        .containsOnlyKeys("node_time_seconds", "node_time_zone_offset_seconds");
  }
}
