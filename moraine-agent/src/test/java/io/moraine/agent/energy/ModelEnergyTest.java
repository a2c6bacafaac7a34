package io.moraine.agent.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.moraine.agent.cgroup.ContainerRef;
import io.moraine.agent.cgroup.ContainerUsage;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import io.moraine.core.time.Clock;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEnergyTest {
  private static final double EPS = 1e-9;
  private static final PowerModel MODEL =
      new PowerModel("test", 10, 0, 5, new ComponentSplit(0.5, 0.3, 0.1, 0.2));

  @TempDir Path tmp;

  private final ManualClock clock = new ManualClock();
  private final EnergyFixture.Containers containers = new EnergyFixture.Containers();

  @Test
  void halfLoadForTenSecondsMatchesGolden() throws IOException {
    Path dir = EnergyFixture.copy("model", tmp);
    ContainerRef web = EnergyFixture.pod("c", "shop", "web-1", "web");
    EnergyCollector c =
        new EnergyCollector(HostPaths.under(dir), MODEL, "edge-7", containers, clock);
    containers.set(new ContainerUsage(web, 10));
    c.collect(new Recorded());
    clock.advanceMillis(10_000);
    // 4 CPUs: 200 busy and 200 idle ticks -> 50 % for 10 s; dynamic 5 W x 4 x 0.5, idle 10 W
    EnergyFixture.stat(dir, 4, 1500 + 200, 8100 + 200);
    containers.set(new ContainerUsage(web, 11.5));
    Recorded r = new Recorded();
    c.collect(r);
    assertThat(r.value("kepler_node_platform_joules_total", "mode", "dynamic"))
        .isCloseTo(100, within(EPS));
    assertThat(r.value("kepler_node_platform_joules_total", "mode", "idle"))
        .isCloseTo(100, within(EPS));
    assertThat(r.value("kepler_node_package_joules_total", "mode", "dynamic"))
        .isCloseTo(50, within(EPS));
    assertThat(r.value("kepler_node_other_joules_total", "mode", "idle"))
        .isCloseTo(30, within(EPS));
    // web used 1.5 of the node's 2 busy CPU seconds
    assertThat(
            r.value(
                "kepler_container_package_joules_total", "pod_name", "web-1", "mode", "dynamic"))
        .isCloseTo(37.5, within(EPS));
    EnergyFixture.assertGolden("model/expected.prom", r.text());
  }

  @Test
  void firstCollectionReportsZeros() throws IOException {
    Path dir = EnergyFixture.copy("model", tmp);
    EnergyCollector c = new EnergyCollector(HostPaths.under(dir), MODEL, "n", containers, clock);
    Recorded r = new Recorded();
    c.collect(r);
    assertThat(r.samples("kepler_node_platform_joules_total"))
        .hasSize(2)
        .allMatch(s -> s.value() == 0);
  }

  @Test
  void totalsAreMonotonicAndContainerSharesAddUpToTheNode() throws IOException {
    Path dir = EnergyFixture.copy("model", tmp);
    EnergyCollector c = new EnergyCollector(HostPaths.under(dir), MODEL, "n", containers, clock);
    Random rnd = new Random(42);
    long busy = 1500;
    long idle = 8100;
    double[] cpu = new double[6];
    Map<String, Double> last = new HashMap<>();
    for (int step = 0; step < 50; step++) {
      ContainerUsage[] now = new ContainerUsage[3];
      for (int i = 0; i < 3; i++) {
        int id = (step / 10 + i) % cpu.length; // containers come and go every 10 steps
        cpu[id] += rnd.nextDouble();
        now[i] =
            new ContainerUsage(
                EnergyFixture.pod(Integer.toString(id), "ns", "p" + id, "c"), cpu[id]);
      }
      containers.set(now);
      busy += rnd.nextInt(400);
      idle += rnd.nextInt(400);
      EnergyFixture.stat(dir, 4, busy, idle);
      clock.advanceMillis(1000 + rnd.nextInt(20_000));
      Recorded r = new Recorded();
      c.collect(r);
      // a series absent from a scrape (its container vanished) may restart at 0 later
      Map<String, Double> seen = new HashMap<>();
      for (Map.Entry<String, Recorded.Family> f : r.families().entrySet()) {
        for (Recorded.Sample s : f.getValue().samples()) {
          String key = f.getKey() + s.labels();
          seen.put(key, s.value());
          Double before = last.get(key);
          assertThat(s.value()).as(key).isGreaterThanOrEqualTo(before == null ? 0 : before);
        }
      }
      last = seen;
    }
  }

  @Test
  void sharesOfEachIntervalSumToTheNodeEnergy() {
    ContainerEnergy ce = new ContainerEnergy();
    Random rnd = new Random(7);
    ContainerUsage[] usages = new ContainerUsage[5];
    for (int i = 0; i < usages.length; i++) {
      usages[i] = new ContainerUsage(new ContainerRef("/c" + i, "", "", "", ""), rnd.nextDouble());
    }
    ce.observe(java.util.List.of(usages));
    for (int step = 0; step < 20; step++) {
      for (int i = 0; i < usages.length; i++) {
        usages[i] =
            new ContainerUsage(usages[i].ref(), usages[i].cpuSeconds() + rnd.nextDouble() * 3);
      }
      ce.observe(java.util.List.of(usages));
      double[][] before = sums(ce);
      double[][] energy = new double[Component.ALL.length][2];
      for (double[] e : energy) {
        e[0] = rnd.nextDouble() * 1000;
        e[1] = rnd.nextDouble() * 1000;
      }
      // node busy time sometimes below the containers' sum (clock skew): no energy is lost
      ce.attribute(rnd.nextDouble() * 20, energy);
      double[][] after = sums(ce);
      for (Component comp : Component.ALL) {
        for (int m = 0; m < 2; m++) {
          assertThat(after[comp.ordinal()][m] - before[comp.ordinal()][m])
              .as(comp + " mode " + m)
              .isCloseTo(energy[comp.ordinal()][m], within(EPS));
        }
      }
    }
  }

  private static double[][] sums(ContainerEnergy ce) {
    double[][] s = new double[Component.ALL.length][2];
    for (ContainerEnergy.Entry e : ce.entries()) {
      for (int c = 0; c < s.length; c++) {
        s[c][0] += e.joules[c][0];
        s[c][1] += e.joules[c][1];
      }
    }
    return s;
  }

  @Test
  void vanishedContainersAreDroppedAndNewOnesStartAtZero() throws IOException {
    Path dir = EnergyFixture.copy("model", tmp);
    EnergyCollector c = new EnergyCollector(HostPaths.under(dir), MODEL, "n", containers, clock);
    ContainerRef old = EnergyFixture.pod("d", "ns", "old", "c");
    ContainerRef fresh = EnergyFixture.pod("e", "ns", "fresh", "c");
    containers.set(new ContainerUsage(old, 1));
    c.collect(new Recorded());
    clock.advanceMillis(5000);
    EnergyFixture.stat(dir, 4, 1600, 8200);
    containers.set(new ContainerUsage(fresh, 500));
    Recorded r = new Recorded();
    c.collect(r);
    assertThat(r.samples("kepler_container_joules_total"))
        .noneMatch(s -> "old".equals(s.labels().get("pod_name")));
    assertThat(r.value("kepler_container_joules_total", "pod_name", "fresh", "mode", "dynamic"))
        .isZero();
  }

  @Test
  void presetsByNameAndValidation() {
    assertThat(PowerModel.presetNames())
        .containsExactly("generic-x86-server", "nvidia-jetson", "raspberry-pi-4", "vm-vcpu");
    assertThat(PowerModel.preset("Raspberry-Pi-4")).isSameAs(PowerModel.RASPBERRY_PI_4);
    assertThat(PowerModel.VM_VCPU.idlePowerWatts(2)).isCloseTo(1.48, within(EPS));
    assertThatThrownBy(() -> PowerModel.preset("pdp-11"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pdp-11")
        .hasMessageContaining("vm-vcpu");
    assertThatThrownBy(() -> new ComponentSplit(0.5, 0.4, 0.2, 0.1))
        .hasMessageContaining("exceeds packageFraction");
    assertThatThrownBy(() -> new ComponentSplit(0.9, 0.4, 0.2, 0.2))
        .hasMessageContaining("packageFraction + dramFraction");
    assertThatThrownBy(() -> new PowerModel("x", -1, 0, 1, MODEL.split()))
        .hasMessageContaining("idleWatts");
  }

  @Test
  void runsOnThisMachine() throws Exception {
    EnergyCollector c =
        new EnergyCollector(
            HostPaths.DEFAULT, PowerModel.GENERIC_X86_SERVER, "here", containers, Clock.SYSTEM);
    c.collect(new Recorded());
    Thread.sleep(300);
    Recorded r = new Recorded();
    c.collect(r);
    assertThat(c.sourceLabel()).isIn("rapl", "model");
    double idle =
        r.samples("kepler_node_package_joules_total").stream()
            .filter(s -> "idle".equals(s.labels().get("mode")))
            .mapToDouble(Recorded.Sample::value)
            .sum();
    assertThat(idle).isPositive();
    if (c.sourceLabel().equals("model")) {
      // 100 W idle for about 0.3 s
      assertThat(r.value("kepler_node_platform_joules_total", "mode", "idle"))
          .isBetween(10.0, 200.0);
    }
    assertThat(
            r.value(
                "kepler_container_joules_total",
                "container_id",
                "system_processes",
                "mode",
                "idle"))
        .isPositive();
  }
}
