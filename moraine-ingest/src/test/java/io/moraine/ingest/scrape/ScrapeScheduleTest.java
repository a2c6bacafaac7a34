package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Targets spread over the interval and keep their phase. */
class ScrapeScheduleTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long INTERVAL = 10 * SECOND;

  @Test
  void aTargetKeepsItsPhaseWhateverTheStartTime() {
    long h =
        ScrapeSchedule.targetHash(
            Labels.of("job", "node", "instance", "a:9100"), "http://a:9100/metrics");
    long seed = ScrapeSchedule.jitterSeed("host-1", Labels.EMPTY);
    Set<Long> phases = new HashSet<>();
    for (long now = 1_700_000_000L * SECOND; now < 1_700_000_100L * SECOND; now += 3_333_333_337L) {
      long delay = ScrapeSchedule.firstDelayNanos(now, INTERVAL, h, seed);
      assertThat(delay).isBetween(0L, INTERVAL);
      phases.add(Math.floorMod(now + delay, INTERVAL));
    }
    assertThat(phases).hasSize(1);
  }

  @Test
  void targetsSpreadOverTheInterval() {
    long seed = ScrapeSchedule.jitterSeed("host-1", Labels.of("site", "edge"));
    int[] buckets = new int[10];
    for (int i = 0; i < 1000; i++) {
      String addr = "10.0.0." + i + ":9100";
      long h =
          ScrapeSchedule.targetHash(Labels.of("instance", addr), "http://" + addr + "/metrics");
      long phase = Math.floorMod(ScrapeSchedule.firstDelayNanos(0, INTERVAL, h, seed), INTERVAL);
      buckets[(int) (phase / SECOND)]++;
    }
    for (int b : buckets) {
      assertThat(b).isBetween(60, 140); // 100 expected per second of the interval
    }
  }

  @Test
  void anotherServerGetsAnotherPhase() {
    long h = ScrapeSchedule.targetHash(Labels.of("instance", "a:1"), "http://a:1/metrics");
    long p1 =
        ScrapeSchedule.firstDelayNanos(
            0, INTERVAL, h, ScrapeSchedule.jitterSeed("h1", Labels.EMPTY));
    long p2 =
        ScrapeSchedule.firstDelayNanos(
            0, INTERVAL, h, ScrapeSchedule.jitterSeed("h2", Labels.EMPTY));
    assertThat(p1).isNotEqualTo(p2);
  }
}
