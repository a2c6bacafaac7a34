package io.moraine.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import io.moraine.testkit.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupContainersTest {
  static final String UID = "1f0c9d6e-0001-4a7b-9c1d-000000000001";
  static final String C1 = "a1".repeat(32);
  static final String S1 = "b2".repeat(32);

  /** A directory answering from memory, for the views that need no HTTP. */
  static final PodDirectory PODS =
      new PodDirectory() {
        final Pod pod = new Pod(UID, "shop", "web-7d9f");

        @Override
        public @Nullable Pod pod(String uid) {
          return uid.equals(UID) ? pod : null;
        }

        @Override
        public @Nullable Container container(String runtimeId) {
          return runtimeId.equals(C1) ? new Container(pod, "nginx", "nginx:1.25") : null;
        }
      };

  @Test
  void leafContainersWithCpuSeconds() throws Exception {
    CgroupContainers c =
        new CgroupContainers(
            ContainerCollectorTest.fixtureTree("v1-cgroupfs"), PODS, new ManualClock(0));
    List<ContainerUsage> got = c.containers();
    String base = "/kubepods/burstable/pod" + UID + "/";
    assertThat(got)
        .containsExactlyInAnyOrder(
            new ContainerUsage(
                new ContainerRef(base + C1, "shop", "web-7d9f", "nginx", "nginx:1.25"), 95.0),
            new ContainerUsage(new ContainerRef(base + S1, "shop", "web-7d9f", "", ""), 0.005));
  }

  @Test
  void v2LeafContainers() throws Exception {
    CgroupContainers c =
        new CgroupContainers(
            ContainerCollectorTest.fixtureTree("v2-systemd"), PODS, new ManualClock(0));
    assertThat(c.containers())
        .extracting(ContainerUsage::cpuSeconds)
        .containsExactlyInAnyOrder(95.0, 0.005);
  }

  @Test
  void processToContainerOnV1AndV2() throws Exception {
    CgroupContainers v1 =
        new CgroupContainers(
            ContainerCollectorTest.fixtureTree("v1-cgroupfs"), PODS, new ManualClock(0));
    assertThat(v1.containerOf(4242))
        .contains(
            new ContainerRef(
                "/kubepods/burstable/pod" + UID + "/" + C1,
                "shop",
                "web-7d9f",
                "nginx",
                "nginx:1.25"));
    assertThat(v1.containerOf(1)).isEmpty();
    assertThat(v1.containerOf(99999)).isEmpty();
    CgroupContainers v2 =
        new CgroupContainers(
            ContainerCollectorTest.fixtureTree("v2-systemd"), PODS, new ManualClock(0));
    Optional<ContainerRef> ref = v2.containerOf(4242);
    assertThat(ref).map(ContainerRef::container).contains("nginx");
    CgroupContainers docker =
        new CgroupContainers(
            ContainerCollectorTest.fixtureTree("v1-docker"),
            PodDirectory.EMPTY,
            new ManualClock(0));
    assertThat(docker.containerOf(777))
        .contains(new ContainerRef("/docker/" + "e5".repeat(32), "", "", "", ""));
  }

  /**
   * The container collector's reading serves the next {@link CgroupContainers#containers} once, and
   * only while fresh; otherwise the hierarchy is read again.
   */
  @Test
  void usesTheCollectorsReadingOnceWhileFresh(@TempDir Path tmp) throws Exception {
    Path source = ContainerCollectorTest.fixture("v1-cgroupfs");
    try (Stream<Path> s = Files.walk(source)) {
      for (Path p : s.toList()) {
        Path to = tmp.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    ManualClock clock = new ManualClock(0);
    CgroupContainers shared = new CgroupContainers(HostPaths.under(tmp), PODS, clock);
    ContainerCollector collector = new ContainerCollector(shared, clock);
    List<ContainerUsage> walked = shared.containers();
    Path usage =
        tmp.resolve(
            "sys/fs/cgroup/cpu,cpuacct/kubepods/burstable/pod" + UID + "/" + C1 + "/cpuacct.usage");

    collector.collect(new Recorded());
    Files.writeString(usage, "96000000000\n");
    assertThat(shared.containers()).containsExactlyInAnyOrderElementsOf(walked);
    assertThat(shared.containers()).extracting(ContainerUsage::cpuSeconds).contains(96.0);

    collector.collect(new Recorded());
    Files.writeString(usage, "97000000000\n");
    clock.advanceMillis(1_001);
    assertThat(shared.containers()).extracting(ContainerUsage::cpuSeconds).contains(97.0);
  }

  /** This machine's real cgroup v1 (or v2) tree: the root cgroup's figures. */
  @Test
  void realHostRootCgroup() throws Exception {
    ContainerCollector c =
        new ContainerCollector(HostPaths.DEFAULT, PodDirectory.EMPTY, new ManualClock(5_000));
    Recorded rec = new Recorded();
    c.collect(rec);
    Map<String, Recorded.Family> fams = rec.families();
    assertThat(fams).containsKeys("container_cpu_usage_seconds_total", "container_last_seen");
    assertThat(rec.value("container_cpu_usage_seconds_total", "id", "/", "cpu", "total"))
        .isPositive();
    assertThat(rec.value("container_cpu_user_seconds_total", "id", "/")).isPositive();
    assertThat(rec.value("container_last_seen", "id", "/")).isEqualTo(5.0);
    if (fams.containsKey("container_memory_usage_bytes")) {
      double usage = rec.value("container_memory_usage_bytes", "id", "/");
      assertThat(usage).isPositive();
      assertThat(rec.value("container_memory_working_set_bytes", "id", "/")).isBetween(0.0, usage);
    }
  }
}
