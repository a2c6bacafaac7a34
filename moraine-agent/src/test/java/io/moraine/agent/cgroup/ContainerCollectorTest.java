package io.moraine.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import io.moraine.testkit.time.ManualClock;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixture trees (v1 cgroupfs and systemd drivers, v2 systemd with containerd, docker outside
 * Kubernetes) with their PodList served over HTTP behind a bearer token, diffed against golden
 * text.
 */
class ContainerCollectorTest {
  /** Cgroup directories' modification time in the fixtures: container_start_time_seconds. */
  static final long START_MILLIS = 1_690_000_000_000L;

  @TempDir Path tmp;

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(ContainerCollectorTest.class.getResource(name).toURI());
  }

  /** Pins the directories' mtimes, which git checkouts do not keep. */
  static HostPaths fixtureTree(String name) throws Exception {
    Path dir = fixture(name);
    try (Stream<Path> s = Files.walk(dir.resolve("sys/fs/cgroup"))) {
      for (Path p : s.filter(Files::isDirectory).toList()) {
        Files.setLastModifiedTime(p, FileTime.fromMillis(START_MILLIS));
      }
    }
    return HostPaths.under(dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1-cgroupfs", "v1-systemd", "v2-systemd", "v1-docker"})
  void matchesGolden(String name) throws Exception {
    HostPaths paths = fixtureTree(name);
    Path token = tmp.resolve("token");
    Files.writeString(token, PodListServer.TOKEN + "\n");
    try (PodListServer server = new PodListServer(fixture(name).resolve("pods.json"))) {
      ManualClock clock = new ManualClock(1_700_000_000_000L);
      KubeletPods.Options o = KubeletPods.Options.of(server.uri());
      KubeletPods pods =
          new KubeletPods(
              new KubeletPods.Options(
                  o.uri(), token, null, false, o.refresh(), o.minRefresh(), o.timeout()),
              clock);
      Recorded rec = new Recorded();
      new ContainerCollector(paths, pods, clock).collect(rec);
      String expected = Files.readString(fixture(name + ".prom"), StandardCharsets.UTF_8);
      Files.writeString(Path.of("target", name + ".actual.prom"), rec.text());
      assertThat(rec.text()).isEqualTo(expected);
      assertThat(pods.failures()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1-cgroupfs"})
  void secondScrapeReusesBuffersAndAgrees(String name) throws Exception {
    ContainerCollector c =
        new ContainerCollector(fixtureTree(name), PodDirectory.EMPTY, new ManualClock(0));
    Recorded first = new Recorded();
    c.collect(first);
    Recorded second = new Recorded();
    c.collect(second);
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(first.value("container_cpu_usage_seconds_total", "id", "/", "cpu", "total"))
        .isEqualTo(900.0);
  }
}
