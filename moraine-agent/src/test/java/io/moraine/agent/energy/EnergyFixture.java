package io.moraine.agent.energy;

import io.moraine.agent.cgroup.ContainerRef;
import io.moraine.agent.cgroup.ContainerUsage;
import io.moraine.agent.cgroup.ContainerUsageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Copies a fixture tree into a temp dir and rewrites its counters between collections. */
final class EnergyFixture {
  private EnergyFixture() {}

  static Path copy(String caseName, Path into) throws IOException {
    Path src;
    try {
      src = Path.of(EnergyFixture.class.getResource(caseName).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> walk = Files.walk(src)) {
      walk.forEach(
          p -> {
            Path to = into.resolve(src.relativize(p).toString());
            try {
              if (Files.isDirectory(p)) {
                Files.createDirectories(to);
              } else {
                Files.copy(p, to);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return into;
  }

  /**
   * Compares with a golden file; on a difference writes the actual text under {@code
   * target/golden-actual/} for review before the assertion fails.
   */
  static void assertGolden(String name, String actual) throws IOException {
    String expected = golden(name);
    if (!expected.equals(actual)) {
      Path out = Path.of("target/golden-actual/energy").resolve(name);
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual);
    }
    org.assertj.core.api.Assertions.assertThat(actual).isEqualTo(expected);
  }

  static String golden(String name) throws IOException {
    try (var in = EnergyFixture.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no golden file " + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  static void energy(Path dir, String zone, long microjoules) throws IOException {
    Files.writeString(
        dir.resolve("sys/class/powercap").resolve(zone).resolve("energy_uj"), microjoules + "\n");
  }

  /**
   * A {@code /proc/stat} with {@code cores} CPUs, the aggregate line holding busy and idle ticks.
   */
  static void stat(Path dir, int cores, long busyTicks, long idleTicks) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("cpu  ").append(busyTicks).append(" 0 0 ").append(idleTicks).append(" 0 0 0 7 0 0\n");
    for (int i = 0; i < cores; i++) {
      sb.append("cpu").append(i).append(" 1 0 0 1 0 0 0 0 0 0\n");
    }
    sb.append("intr 0\n");
    Files.writeString(dir.resolve("proc/stat"), sb.toString());
  }

  /** A container usage source whose list the test sets. */
  static final class Containers implements ContainerUsageSource {
    List<ContainerUsage> now = new ArrayList<>();

    @Override
    public List<ContainerUsage> containers() {
      return List.copyOf(now);
    }

    Containers set(ContainerUsage... usages) {
      now = List.of(usages);
      return this;
    }
  }

  static ContainerRef pod(String hex, String ns, String pod, String container) {
    return new ContainerRef(
        "/kubepods/burstable/pod1234/" + hex.repeat(64 / hex.length()), ns, pod, container, "img");
  }
}
