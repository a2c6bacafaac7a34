package io.moraine.agent.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Every collector on this machine's own /proc, /sys and /: plausible values, no failure. */
class ProcfsHostTest {
  private static final HostPaths HOST = HostPaths.DEFAULT;

  private static Recorded scrape(io.moraine.agent.collector.Collector c) throws Exception {
    Recorded out = new Recorded();
    c.collect(out);
    c.collect(new Recorded()); // the second scrape, with cached state, must not fail either
    return out;
  }

  @Test
  void cpuAndStat() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    Recorded cpu = scrape(new CpuCollector(HOST));
    assertThat(cpu.samples("node_cpu_seconds_total")).hasSizeGreaterThanOrEqualTo(8 * cpus);
    assertThat(cpu.value("node_cpu_seconds_total", "cpu", "0", "mode", "idle")).isPositive();
    Recorded stat = scrape(new StatCollector(HOST));
    assertThat(stat.value("node_boot_time_seconds")).isBetween(1e9, 1e10);
    assertThat(stat.value("node_context_switches_total")).isPositive();
    assertThat(stat.value("node_forks_total")).isPositive();
    assertThat(stat.value("node_procs_running")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void memoryLoadFilesAndEntropy() throws Exception {
    Recorded mem = scrape(new MeminfoCollector(HOST));
    assertThat(mem.value("node_memory_MemTotal_bytes"))
        .isGreaterThanOrEqualTo(mem.value("node_memory_MemFree_bytes"))
        .isPositive();
    assertThat(scrape(new LoadavgCollector(HOST)).families())
        .containsOnlyKeys("node_load1", "node_load5", "node_load15");
    assertThat(scrape(new FilefdCollector(HOST)).value("node_filefd_maximum")).isPositive();
    assertThat(scrape(new EntropyCollector(HOST)).value("node_entropy_pool_size_bits"))
        .isPositive();
    assertThat(scrape(new VmstatCollector(HOST)).value("node_vmstat_pgfault")).isPositive();
  }

  @Test
  void unameOsTimeAndPressure() throws Exception {
    Recorded uname = scrape(new UnameCollector(HOST));
    assertThat(uname.value("node_uname_info", "sysname", "Linux")).isEqualTo(1);
    if (Files.exists(Path.of("/etc/os-release")) || Files.exists(Path.of("/usr/lib/os-release"))) {
      assertThat(scrape(new OsCollector(HOST)).families()).containsKey("node_os_info");
    }
    Recorded time = scrape(new TimeCollector(HOST, InstantSource.system(), ZoneId.systemDefault()));
    assertThat(time.value("node_time_seconds")).isGreaterThan(1.7e9);
    Recorded psi = scrape(new PressureCollector(HOST));
    if (Files.exists(Path.of("/proc/pressure/cpu"))) {
      assertThat(psi.families()).containsKey("node_pressure_cpu_waiting_seconds_total");
    } else {
      assertThat(psi.families()).isEmpty();
    }
  }
}
