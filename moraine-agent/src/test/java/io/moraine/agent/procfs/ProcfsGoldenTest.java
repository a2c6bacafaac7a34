package io.moraine.agent.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each collector on the fixture tree {@code host/} against {@code <name>.prom}, which
 * regen-golden.py produced by running node_exporter 1.5.0 on the same tree (its header lines say
 * how). Run twice, so that the second scrape, which reuses buffers and cached names, is checked
 * too.
 */
class ProcfsGoldenTest {
  /** The instant regen-golden.py puts in node_time_seconds: 1700000000.123456789. */
  static final Instant FIXED = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

  static Path dir() throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(ProcfsGoldenTest.class.getResource("/io/moraine/agent/procfs"))
            .toURI());
  }

  static Collector collector(String name, HostPaths paths) {
    return switch (name) {
      case "cpu" -> new CpuCollector(paths);
      case "loadavg" -> new LoadavgCollector(paths);
      case "meminfo" -> new MeminfoCollector(paths);
      case "stat" -> new StatCollector(paths);
      case "time" ->
          new TimeCollector(paths, InstantSource.fixed(FIXED), ZoneId.of("Europe/Berlin"));
      case "uname" -> new UnameCollector(paths, "x86_64");
      case "os" -> new OsCollector(paths);
      case "pressure" -> new PressureCollector(paths);
      case "vmstat" -> new VmstatCollector(paths);
      case "filefd" -> new FilefdCollector(paths);
      case "entropy" -> new EntropyCollector(paths);
      case "netstat" -> new NetstatCollector(paths);
      case "sockstat" -> new SockstatCollector(paths);
      case "conntrack" -> new ConntrackCollector(paths);
      case "softnet" -> new SoftnetCollector(paths);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cpu",
        "loadavg",
        "meminfo",
        "stat",
        "time",
        "uname",
        "os",
        "pressure",
        "vmstat",
        "filefd",
        "entropy",
        "netstat",
        "sockstat",
        "conntrack",
        "softnet"
      })
  void matchesNodeExporter(String name) throws Exception {
    Collector c = collector(name, HostPaths.under(dir().resolve("host")));
    assertThat(c.name()).isEqualTo(name);
    String expected = withoutComments(Files.readString(dir().resolve(name + ".prom")));
    for (int scrape = 0; scrape < 2; scrape++) {
      Recorded out = new Recorded();
      c.collect(out);
      assertThat(out.text()).as("scrape %d", scrape + 1).isEqualTo(expected);
    }
  }

  /** Drops the header comments that say how the file was produced; keeps HELP and TYPE. */
  static String withoutComments(String golden) {
    StringBuilder sb = new StringBuilder();
    for (String line : golden.split("\n", -1)) {
      if (line.startsWith("# ") && !line.startsWith("# HELP ") && !line.startsWith("# TYPE ")) {
        continue;
      }
      sb.append(line).append('\n');
    }
    sb.setLength(sb.length() - 1);
    return new String(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
