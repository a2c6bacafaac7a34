package io.moraine.agent.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.moraine.agent.cgroup.ContainerRef;
import io.moraine.agent.cgroup.ContainerUsage;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplEnergyTest {
  private static final double EPS = 1e-9;

  @TempDir Path tmp;

  private final ManualClock clock = new ManualClock();
  private final EnergyFixture.Containers containers = new EnergyFixture.Containers();
  private final ContainerRef a = EnergyFixture.pod("a", "shop", "web-1", "web");
  private final ContainerRef b =
      new ContainerRef("/system.slice/docker-" + "b".repeat(64) + ".scope", "", "", "", "");

  /** Three readings 10 s apart; package-1 wraps between the first two. */
  private Recorded threeReadings(Path dir) throws IOException {
    EnergyCollector c =
        new EnergyCollector(
            HostPaths.under(dir), PowerModel.GENERIC_X86_SERVER, "node-1", containers, clock);
    EnergyFixture.stat(dir, 2, 1500, 8100);
    containers.set(new ContainerUsage(a, 100), new ContainerUsage(b, 50));
    c.collect(new Recorded());

    clock.advanceMillis(10_000);
    EnergyFixture.energy(dir, "intel-rapl:0", 300_000_000);
    EnergyFixture.energy(dir, "intel-rapl:0:0", 150_000_000);
    EnergyFixture.energy(dir, "intel-rapl:0:1", 50_000_000);
    EnergyFixture.energy(dir, "intel-rapl:1", 140_000_000); // wrapped at 1e9 uJ: +150 J
    EnergyFixture.energy(dir, "intel-rapl:1:0", 90_000_000);
    EnergyFixture.energy(dir, "intel-rapl:1:1", 25_000_000);
    EnergyFixture.stat(dir, 2, 2000, 9600);
    containers.set(new ContainerUsage(a, 103), new ContainerUsage(b, 51));
    c.collect(new Recorded());

    clock.advanceMillis(10_000);
    EnergyFixture.energy(dir, "intel-rapl:0", 800_000_000);
    EnergyFixture.energy(dir, "intel-rapl:0:0", 450_000_000);
    EnergyFixture.energy(dir, "intel-rapl:0:1", 80_000_000);
    EnergyFixture.energy(dir, "intel-rapl:1", 290_000_000);
    EnergyFixture.energy(dir, "intel-rapl:1:0", 170_000_000);
    EnergyFixture.energy(dir, "intel-rapl:1:1", 45_000_000);
    EnergyFixture.stat(dir, 2, 3000, 10600);
    containers.set(new ContainerUsage(a, 109), new ContainerUsage(b, 53));
    Recorded r = new Recorded();
    c.collect(r);
    assertThat(c.sourceLabel()).isEqualTo("rapl");
    return r;
  }

  @Test
  void twoPackagesWithWrapAroundMatchGolden() throws IOException {
    Path dir = EnergyFixture.copy("rapl", tmp);
    Recorded r = threeReadings(dir);
    EnergyFixture.assertGolden("rapl/expected.prom", r.text());
  }

  @Test
  void idleIsTheLowestPowerSeenAndTheRestIsDynamic() throws IOException {
    Recorded r = threeReadings(EnergyFixture.copy("rapl", tmp));
    String pkg = "kepler_node_package_joules_total";
    // package-0: 200 J then 500 J in 10 s intervals; lowest power 20 W -> 200 J idle per interval
    assertThat(r.value(pkg, "package", "0", "mode", "idle")).isCloseTo(400, within(EPS));
    assertThat(r.value(pkg, "package", "0", "mode", "dynamic")).isCloseTo(300, within(EPS));
    // package-1 wrapped: 150 J in each interval, all idle
    assertThat(r.value(pkg, "package", "1", "mode", "idle")).isCloseTo(300, within(EPS));
    assertThat(r.value(pkg, "package", "1", "mode", "dynamic")).isCloseTo(0, within(EPS));
    assertThat(r.value("kepler_node_core_joules_total", "package", "0", "mode", "dynamic"))
        .isCloseTo(200, within(EPS));
    assertThat(r.value("kepler_node_dram_joules_total", "package", "1", "mode", "idle"))
        .isCloseTo(40, within(EPS));
    assertThat(r.families()).doesNotContainKeys("kepler_node_platform_joules_total");
    assertThat(r.samples(pkg)).allMatch(s -> "node-1".equals(s.labels().get("instance")));
  }

  @Test
  void containersShareDynamicByCpuAndIdleEvenly() throws IOException {
    Recorded r = threeReadings(EnergyFixture.copy("rapl", tmp));
    String pkg = "kepler_container_package_joules_total";
    // second interval: node busy 10 s, a 6 s, b 2 s, system processes the other 2 s
    assertThat(r.value(pkg, "container_id", "a".repeat(64), "mode", "dynamic"))
        .isCloseTo(180, within(EPS));
    assertThat(r.value(pkg, "container_id", "b".repeat(64), "mode", "dynamic"))
        .isCloseTo(60, within(EPS));
    assertThat(r.value(pkg, "container_id", "system_processes", "mode", "dynamic"))
        .isCloseTo(60, within(EPS));
    assertThat(r.value(pkg, "pod_name", "web-1", "mode", "idle")).isCloseTo(700.0 / 3, within(EPS));
    assertThat(
            r.value(
                "kepler_container_joules_total",
                "container_namespace",
                "shop",
                "container_name",
                "web",
                "mode",
                "dynamic"))
        .isCloseTo(180, within(EPS));
    for (String family : new String[] {"package", "core", "uncore", "dram"}) {
      for (String mode : new String[] {"dynamic", "idle"}) {
        double node =
            r.samples("kepler_node_" + family + "_joules_total").stream()
                .filter(s -> mode.equals(s.labels().get("mode")))
                .mapToDouble(Recorded.Sample::value)
                .sum();
        double sum =
            r.samples("kepler_container_" + family + "_joules_total").stream()
                .filter(s -> mode.equals(s.labels().get("mode")))
                .mapToDouble(Recorded.Sample::value)
                .sum();
        assertThat(sum).as(family + " " + mode).isCloseTo(node, within(EPS));
      }
    }
  }

  @Test
  void unreadableCounterFallsBackToTheModel() throws IOException {
    Path dir = EnergyFixture.copy("rapl", tmp);
    Path counter = dir.resolve("sys/class/powercap/intel-rapl:0:1/energy_uj");
    Files.delete(counter);
    Files.createDirectory(counter); // unreadable as a file, even for root
    EnergyCollector c =
        new EnergyCollector(
            HostPaths.under(dir), PowerModel.RASPBERRY_PI_4, "n", containers, clock);
    Recorded r = new Recorded();
    c.collect(r);
    assertThat(c.sourceLabel()).isEqualTo("model");
    assertThat(r.samples("kepler_node_platform_joules_total"))
        .isNotEmpty()
        .allMatch(s -> "model".equals(s.labels().get("source")));
  }

  @Test
  void wrapAroundTakesTheDeltaModuloTheRange() {
    assertThat(RaplSource.deltaMicrojoules(10, 25, 100)).isEqualTo(15);
    assertThat(RaplSource.deltaMicrojoules(90, 5, 100)).isEqualTo(15);
    assertThat(RaplSource.deltaMicrojoules(90, 5, 0)).isEqualTo(5);
  }
}
