package io.moraine.agent.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the golden files cannot show: state between scrapes, absent files, bad input. */
class ProcfsBehaviourTest {
  @TempDir Path dir;

  private HostPaths paths() {
    return HostPaths.under(dir);
  }

  private void write(String relative, String content) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static Recorded scrape(io.moraine.agent.collector.Collector c) throws IOException {
    Recorded out = new Recorded();
    c.collect(out);
    return out;
  }

  @Test
  void cpuCountersNeverGoDownAndAHotplugResetsTheCpu() throws IOException {
    CpuCollector cpu = new CpuCollector(paths());
    write("proc/stat", "cpu0 1000 0 500 100000 0 0 0 0 0 0\n");
    assertThat(scrape(cpu).value("node_cpu_seconds_total", "mode", "user")).isEqualTo(10);
    write("proc/stat", "cpu0 900 0 600 100100 0 0 0 0 0 0\n"); // user went back by 1 s
    Recorded second = scrape(cpu);
    assertThat(second.value("node_cpu_seconds_total", "mode", "user")).isEqualTo(10);
    assertThat(second.value("node_cpu_seconds_total", "mode", "system")).isEqualTo(6);
    write("proc/stat", "cpu0 50 0 40 200 0 0 0 0 0 0\n"); // idle back by 999 s: re-plugged
    Recorded third = scrape(cpu);
    assertThat(third.value("node_cpu_seconds_total", "mode", "user")).isEqualTo(0.5);
    assertThat(third.value("node_cpu_seconds_total", "mode", "idle")).isEqualTo(2);
  }

  @Test
  void cpuLinesWithFewerColumnsReadMissingOnesAsZero() throws IOException {
    write("proc/stat", "cpu  7 1 2 3\ncpu0 7 1 2 3\n");
    Recorded out = scrape(new CpuCollector(paths()));
    assertThat(out.value("node_cpu_seconds_total", "mode", "user")).isEqualTo(0.07);
    assertThat(out.value("node_cpu_seconds_total", "mode", "steal")).isZero();
    assertThat(out.value("node_cpu_guest_seconds_total", "mode", "nice")).isZero();
  }

  @Test
  void pressureWithoutPsiWritesNothingAndDoesNotFail() throws IOException {
    Files.createDirectories(dir.resolve("proc"));
    PressureCollector c = new PressureCollector(paths());
    assertThat(scrape(c).families()).isEmpty();
    assertThat(scrape(c).families()).isEmpty();
  }

  @Test
  void pressureStopsAtTheFirstMissingResourceAsNodeExporterDoes() throws IOException {
    write("proc/pressure/cpu", "some avg10=0.00 avg60=0.00 avg300=0.00 total=2500000\n");
    write("proc/pressure/memory", "some avg10=0.00 avg60=0.00 avg300=0.00 total=1\n");
    Recorded out = scrape(new PressureCollector(paths()));
    assertThat(out.families()).containsOnlyKeys("node_pressure_cpu_waiting_seconds_total");
    assertThat(out.value("node_pressure_cpu_waiting_seconds_total")).isEqualTo(2.5);
  }

  @Test
  void osFallsBackToUsrLibAndRereadsAChangedFile() throws IOException {
    OsCollector os = new OsCollector(paths());
    assertThat(scrape(os).families()).isEmpty();
    write("root/usr/lib/os-release", "ID=alpine\nVERSION_ID=3.19.1\n");
    assertThat(scrape(os).value("node_os_version", "id", "alpine")).isEqualTo(3.19);
    write("root/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
    Files.setLastModifiedTime(
        dir.resolve("root/etc/os-release"), FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    assertThat(scrape(os).value("node_os_version", "id", "debian")).isEqualTo(12);
    write("root/etc/os-release", "ID=debian\nVERSION_ID=\"13\"\n");
    Recorded out = scrape(os);
    assertThat(out.value("node_os_info", "id", "debian", "version_id", "13")).isEqualTo(1);
  }

  @Test
  void osWithoutANumericVersionHasNoVersionFamily() throws IOException {
    write("root/etc/os-release", "ID=arch\nBUILD_ID=rolling\n");
    Recorded out = scrape(new OsCollector(paths()));
    assertThat(out.families()).containsOnlyKeys("node_os_info");
    assertThat(OsCollector.majorMinor("22.04.3")).isEqualTo(22.04);
    assertThat(OsCollector.majorMinor("rolling")).isZero();
  }

  @Test
  void badOsReleaseNamesTheLine() throws IOException {
    write("root/etc/os-release", "ID=debian\nNAME=\"Debian\n");
    assertThatThrownBy(() -> scrape(new OsCollector(paths())))
        .isInstanceOf(MalformedProcFileException.class)
        .hasMessageEndingWith("os-release:2: unmatched \"")
        .satisfies(e -> assertThat(((MalformedProcFileException) e).line()).isEqualTo(2));
  }

  @Test
  void meminfoNamesAsNodeExporter() {
    assertThat(MeminfoCollector.metricKey("Active(anon)", true)).isEqualTo("Active_anon_bytes");
    assertThat(MeminfoCollector.metricKey("HugePages_Total", false)).isEqualTo("HugePages_Total");
    assertThat(MeminfoCollector.metricKey("a(b)c(d)", false)).isEqualTo("a_b)c(d");
    assertThat(MeminfoCollector.metricKey("x(y)z", false)).isEqualTo("x_yz");
  }

  @Test
  void meminfoFieldsChangingBetweenScrapesAreRenamed() throws IOException {
    MeminfoCollector c = new MeminfoCollector(paths());
    write("proc/meminfo", "MemTotal: 2 kB\nActive(anon): 1 kB\n");
    assertThat(scrape(c).value("node_memory_Active_anon_bytes")).isEqualTo(1024);
    write("proc/meminfo", "MemTotal: 2 kB\nInactive(anon): 3 kB\nHugePages_Total: 5\n");
    Recorded out = scrape(c);
    assertThat(out.families())
        .containsOnlyKeys(
            "node_memory_MemTotal_bytes",
            "node_memory_Inactive_anon_bytes",
            "node_memory_HugePages_Total");
    assertThat(out.value("node_memory_HugePages_Total")).isEqualTo(5);
  }

  @Test
  void malformedMeminfoNamesFileLineAndValue() throws IOException {
    write("proc/meminfo", "MemTotal: 2 kB\nMemFree: lots kB\n");
    assertThatThrownBy(() -> scrape(new MeminfoCollector(paths())))
        .isInstanceOf(MalformedProcFileException.class)
        .hasMessageContaining("meminfo:2: expected a number, got \"lots\"");
  }

  @Test
  void missingFileIsAFailure() {
    assertThatThrownBy(() -> scrape(new LoadavgCollector(paths())))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void vmstatTakesItsOwnFilter() throws IOException {
    write("proc/vmstat", "nr_free_pages 10\npgfault 20\nnuma_hit 30\n");
    Recorded out = scrape(new VmstatCollector(paths(), Pattern.compile("^(nr_|numa_)")));
    assertThat(out.families())
        .containsOnlyKeys("node_vmstat_nr_free_pages", "node_vmstat_numa_hit");
  }

  @Test
  void unameMachineFromTheJvmArchitecture() {
    assertThat(UnameCollector.machineOf("amd64")).isEqualTo("x86_64");
    assertThat(UnameCollector.machineOf("aarch64")).isEqualTo("aarch64");
    assertThat(UnameCollector.machineOf("x86")).isEqualTo("i686");
  }

  @Test
  void decimalsParseExactlyAsTheJdkDoes() throws IOException {
    String[] samples = {
      "0.48",
      "1.01",
      "15.00",
      "0.1",
      "123456789012345",
      "1234567890123456789",
      "0.000001",
      "3.14159265358979",
      "7.",
      ".5",
      "1e3",
      "0.00000000000000000000001"
    };
    write("proc/nums", String.join(" ", samples) + "\n");
    ProcText t = new ProcText();
    t.load(dir.resolve("proc/nums"));
    for (String s : samples) {
      assertThat(t.nextToken()).isTrue();
      assertThat(t.tokenDouble()).as(s).isEqualTo(Double.parseDouble(s));
    }
    assertThat(t.nextToken()).isFalse();
  }

  @Test
  void aFileLargerThanTheInitialBufferIsReadWhole() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      sb.append("field_").append(i).append(' ').append(i).append('\n');
    }
    write("proc/vmstat", sb.toString());
    Recorded out = scrape(new VmstatCollector(paths(), Pattern.compile("^field_")));
    assertThat(out.families()).hasSize(2000);
    assertThat(out.value("node_vmstat_field_1999")).isEqualTo(1999);
  }
}
