package io.moraine.agent.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.Golden;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The netclass collector on the fixture tree {@code netclass/} against {@code netclass.prom}
 * (produced by regen-netclass.sh with node_exporter 1.5.0 on the same tree), and on this machine.
 */
class NetclassCollectorTest {
  private static Path fixture(String name) {
    return Path.of("src/test/resources/io/moraine/agent/sysfs").resolve(name);
  }

  @Test
  void matchesNodeExporter() throws Exception {
    NetclassCollector c = new NetclassCollector(HostPaths.under(fixture("netclass")));
    assertThat(c.name()).isEqualTo("netclass");
    String golden =
        Files.readString(fixture("netclass.prom"), StandardCharsets.UTF_8)
            .replaceFirst("^# Produced[^\n]*\n", "");
    for (int scrape = 0; scrape < 2; scrape++) {
      Recorded out = new Recorded();
      c.collect(out);
      Golden.assertSameExposition(out.text(), golden);
    }
  }

  @Test
  void hexFlagsNegativeSpeedAndSkippedFiles() throws Exception {
    Recorded out = new Recorded();
    new NetclassCollector(HostPaths.under(fixture("netclass"))).collect(out);
    assertThat(out.value("node_network_flags", "device", "ifb0")).isEqualTo(0x1003);
    assertThat(out.value("node_network_speed_bytes", "device", "ifb0")).isEqualTo(-125_000);
    assertThat(out.value("node_network_speed_bytes", "device", "eth0")).isEqualTo(1.25e9);
    assertThat(out.samples("node_network_speed_bytes")).hasSize(2); // lo has no speed file
    assertThat(out.samples("node_network_up")).hasSize(3); // bonding_masters is a file, skipped
    assertThat(out.value("node_network_up", "device", "eth0")).isEqualTo(1);
  }

  @Test
  void ignoredDevicesAndMissingClassNet() throws Exception {
    Recorded out = new Recorded();
    new NetclassCollector(HostPaths.under(fixture("netclass")), Pattern.compile("^(lo|ifb.*)$"))
        .collect(out);
    assertThat(out.samples("node_network_mtu_bytes")).hasSize(1);
    Recorded none = new Recorded();
    new NetclassCollector(HostPaths.under(fixture("no-such-tree"))).collect(none);
    assertThat(none.families()).isEmpty();
  }

  @Test
  void goIntegerSyntax() {
    assertThat(AttributeReader.parseGoInt("0x1003")).isEqualTo(4099);
    assertThat(AttributeReader.parseGoInt("-1")).isEqualTo(-1);
    assertThat(AttributeReader.parseGoInt("010")).isEqualTo(8);
    assertThat(AttributeReader.parseGoInt("unknown")).isZero();
    assertThat(AttributeReader.parseGoInt("")).isZero();
  }

  @Test
  void thisMachine() throws Exception {
    Recorded out = new Recorded();
    NetclassCollector c = new NetclassCollector(HostPaths.DEFAULT);
    c.collect(out);
    c.collect(new Recorded());
    if (Files.isDirectory(Path.of("/sys/class/net/lo"))) {
      assertThat(out.value("node_network_mtu_bytes", "device", "lo")).isPositive();
      assertThat(out.value("node_network_info", "device", "lo", "address", "00:00:00:00:00:00"))
          .isEqualTo(1);
    }
    assertThat(out.samples("node_network_up")).hasSameSizeAs(out.samples("node_network_info"));
  }
}
