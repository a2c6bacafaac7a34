package io.moraine.agent.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The network-stack collectors on this machine's /proc, and their behaviour on missing files. */
class NetworkStackHostTest {
  private static Recorded scrape(Collector c) throws Exception {
    Recorded out = new Recorded();
    c.collect(out);
    c.collect(new Recorded());
    return out;
  }

  @Test
  void thisMachine() throws Exception {
    Recorded netstat = scrape(new NetstatCollector(HostPaths.DEFAULT));
    assertThat(netstat.families())
        .containsKeys("node_netstat_Tcp_InSegs", "node_netstat_Ip_Forwarding");
    assertThat(netstat.value("node_netstat_Tcp_InSegs")).isPositive();
    assertThat(netstat.families()).doesNotContainKey("node_netstat_Tcp_MaxConn");
    Recorded sockstat = scrape(new SockstatCollector(HostPaths.DEFAULT));
    assertThat(sockstat.value("node_sockstat_sockets_used")).isPositive();
    assertThat(sockstat.value("node_sockstat_TCP_mem_bytes"))
        .isEqualTo(sockstat.value("node_sockstat_TCP_mem") * 4096);
    int cpus = Runtime.getRuntime().availableProcessors();
    Recorded softnet = scrape(new SoftnetCollector(HostPaths.DEFAULT));
    assertThat(softnet.samples("node_softnet_processed_total")).hasSizeGreaterThanOrEqualTo(cpus);
    Recorded conntrack = scrape(new ConntrackCollector(HostPaths.DEFAULT));
    if (Files.exists(Path.of("/proc/sys/net/netfilter/nf_conntrack_max"))) {
      assertThat(conntrack.value("node_nf_conntrack_entries_limit")).isPositive();
    } else {
      assertThat(conntrack.families()).isEmpty();
    }
  }

  @Test
  void missingOptionalFilesGiveNoFamilies(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    HostPaths empty = HostPaths.under(tmp);
    assertThat(scrape(new ConntrackCollector(empty)).families()).isEmpty();
    assertThat(scrape(new SockstatCollector(empty)).families()).isEmpty();
  }

  @Test
  void conntrackWithoutStatFileKeepsEntries(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("proc/sys/net/netfilter"));
    Files.writeString(dir.resolve("nf_conntrack_count"), "7\n");
    Files.writeString(dir.resolve("nf_conntrack_max"), "65536\n");
    Recorded out = scrape(new ConntrackCollector(HostPaths.under(tmp)));
    assertThat(out.families())
        .containsOnlyKeys("node_nf_conntrack_entries", "node_nf_conntrack_entries_limit");
    assertThat(out.value("node_nf_conntrack_entries")).isEqualTo(7);
  }

  @Test
  void malformedLinesAreNamed(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path net = Files.createDirectories(tmp.resolve("proc/net"));
    Files.writeString(net.resolve("softnet_stat"), "00000001 00000002 00000003\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SoftnetCollector(HostPaths.under(tmp)).collect(new Recorded()))
        .isInstanceOf(MalformedProcFileException.class)
        .hasMessageContaining("softnet_stat:1");
    Files.writeString(net.resolve("sockstat"), "TCP: inuse 3 orphan\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SockstatCollector(HostPaths.under(tmp)).collect(new Recorded()))
        .hasMessageContaining("odd number");
    Files.writeString(net.resolve("netstat"), "TcpExt: A B\nTcpExt: 1\n");
    Files.writeString(net.resolve("snmp"), "");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new NetstatCollector(HostPaths.under(tmp)).collect(new Recorded()))
        .hasMessageContaining("mismatch");
  }
}
