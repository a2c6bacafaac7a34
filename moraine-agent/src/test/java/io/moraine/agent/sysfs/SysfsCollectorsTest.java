package io.moraine.agent.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.Golden;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files: node_exporter 1.5.0 (Debian's build) run on the same fixture trees, e.g. {@code
 * prometheus-node-exporter --path.procfs=<case>/proc --path.sysfs=<case>/sys
 * --collector.disable-defaults --collector.diskstats}; netdev with {@code
 * --no-collector.netdev.netlink --collector.netdev.device-exclude=} (upstream's default keeps lo).
 */
class SysfsCollectorsTest {
  /**
   * The fixture in the source tree (tests run in the module directory): Maven's resource copy into
   * target/ replaces the hwmon tree's symlinks with copies, and hwmon chip names come from where
   * the {@code device} link points.
   */
  private static Path fixture(String name) {
    return Path.of("src/test/resources/io/moraine/agent/sysfs").resolve(name);
  }

  private static String golden(String name) throws Exception {
    return Files.readString(fixture(name + ".prom"), StandardCharsets.UTF_8);
  }

  private static Recorded run(Collector c) throws IOException {
    Recorded out = new Recorded();
    c.collect(out);
    return out;
  }

  @Test
  void diskstatsMatchesNodeExporter() throws Exception {
    Recorded out =
        run(
            new DiskstatsCollector(
                HostPaths.under(fixture("diskstats")), DiskstatsOptions.DEFAULT));
    Golden.assertSameExposition(out.text(), golden("diskstats"));
  }

  @Test
  void diskstatsInclude() throws Exception {
    DiskstatsOptions only = new DiskstatsOptions(null, Pattern.compile("^sd"), "/run/udev/data");
    Recorded out = run(new DiskstatsCollector(HostPaths.under(fixture("diskstats")), only));
    assertThat(out.samples("node_disk_info"))
        .extracting(s -> s.labels().get("device"))
        .containsExactly("sda", "sda1", "sdb");
    assertThatThrownBy(
            () -> new DiskstatsOptions(Pattern.compile("a"), Pattern.compile("b"), "/run/udev"))
        .hasMessageContaining("mutually exclusive");
  }

  @Test
  void diskstatsBadNumberNamesFileAndLine(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("proc"));
    Files.writeString(
        dir.resolve("proc/diskstats"), "8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n8 1 sdb 1 x\n");
    assertThatThrownBy(
            () -> run(new DiskstatsCollector(HostPaths.under(dir), DiskstatsOptions.DEFAULT)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("diskstats line 2")
        .hasMessageContaining("column 11");
  }

  @Test
  void netdevMatchesNodeExporter() throws Exception {
    Recorded out =
        run(new NetdevCollector(HostPaths.under(fixture("netdev")), NetdevOptions.DEFAULT));
    Golden.assertSameExposition(out.text(), golden("netdev"));
  }

  @Test
  void netdevExclude() throws Exception {
    NetdevOptions noLo = new NetdevOptions(Pattern.compile("^lo$"), null);
    Recorded out = run(new NetdevCollector(HostPaths.under(fixture("netdev")), noLo));
    assertThat(out.samples("node_network_receive_bytes_total"))
        .extracting(s -> s.labels().get("device"))
        .containsExactlyInAnyOrder("eth0", "docker0", "veth1a2b3c4", "wlan0");
  }

  @Test
  void hwmonMatchesNodeExporter() throws Exception {
    Recorded out = run(new HwmonCollector(HostPaths.under(fixture("hwmon"))));
    Golden.assertSameExposition(out.text(), golden("hwmon"));
  }

  @Test
  void hwmonAbsentIsNoFamiliesAndSuccess(@TempDir Path dir) throws Exception {
    Recorded out = run(new HwmonCollector(HostPaths.under(dir)));
    assertThat(out.families()).isEmpty();
  }

  @Test
  void cleansNames() {
    assertThat(HwmonCollector.clean("Package id 0\n")).isEqualTo("package_id_0");
    assertThat(HwmonCollector.clean("__coretemp.0__")).isEqualTo("coretemp_0");
  }

  /** This machine: real /proc/diskstats and /proc/net/dev. */
  @Test
  void realMachine() throws Exception {
    Recorded disks = run(new DiskstatsCollector(HostPaths.DEFAULT, DiskstatsOptions.DEFAULT));
    assertThat(disks.samples("node_disk_info")).isNotEmpty();
    assertThat(disks.samples("node_disk_info"))
        .allSatisfy(s -> assertThat(s.labels().get("device")).doesNotStartWith("loop"));
    assertThat(disks.samples("node_disk_reads_completed_total"))
        .hasSameSizeAs(disks.samples("node_disk_info"));
    assertThat(disks.samples("node_disk_io_time_seconds_total")).isNotEmpty();

    Recorded net = run(new NetdevCollector(HostPaths.DEFAULT, NetdevOptions.DEFAULT));
    assertThat(net.value("node_network_receive_bytes_total", "device", "lo")).isPositive();
    assertThat(net.value("node_network_transmit_packets_total", "device", "lo")).isPositive();
    assertThat(net.families()).hasSize(16);
  }
}
