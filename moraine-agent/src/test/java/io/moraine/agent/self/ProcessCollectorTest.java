package io.moraine.agent.self;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.agent.collector.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCollectorTest {
  @TempDir Path dir;

  private Path fixture() throws IOException {
    Path self = Files.createDirectories(dir.resolve("self"));
    // comm with spaces and a parenthesis; utime 250, stime 50 ticks; starttime 1000 ticks; vsize
    Files.writeString(
        self.resolve("stat"),
        "4242 (java (agent) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 19 0 1000"
            + " 1307639808 13000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
    Files.writeString(
        self.resolve("status"),
        "Name:\tjava\nVmPeak:\t  99 kB\nVmRSS:\t   48000 kB\nThreads:\t19\n");
    Files.writeString(
        self.resolve("limits"),
        "Limit                     Soft Limit           Hard Limit           Units\n"
            + "Max open files            20000                20000                files\n");
    Files.createDirectories(self.resolve("fd"));
    for (int i = 0; i < 3; i++) {
      Files.createFile(self.resolve("fd").resolve(Integer.toString(i)));
    }
    Files.writeString(dir.resolve("stat"), "cpu  1 2 3 4\nbtime 1700000000\nprocesses 9\n");
    return self;
  }

  @Test
  void clientGolangFamiliesFromAFixture() throws IOException {
    Recorded r = new Recorded();
    new ProcessCollector(fixture(), dir.resolve("stat")).collect(r);
    assertThat(r.value("process_cpu_seconds_total")).isEqualTo(3.0);
    assertThat(r.value("process_resident_memory_bytes")).isEqualTo(48000 * 1024.0);
    assertThat(r.value("process_virtual_memory_bytes")).isEqualTo(1307639808.0);
    assertThat(r.value("process_start_time_seconds")).isEqualTo(1700000010.0);
    assertThat(r.value("process_open_fds")).isEqualTo(3);
    assertThat(r.value("process_max_fds")).isEqualTo(20000);
  }

  @Test
  void aStatusWithoutVmRssIsAnErrorNamingTheFile() throws IOException {
    Path self = fixture();
    Files.writeString(self.resolve("status"), "Name:\tjava\n");
    assertThatThrownBy(
            () -> new ProcessCollector(self, dir.resolve("stat")).collect(new Recorded()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("status: no VmRSS: line");
  }

  @Test
  void thisProcess() throws IOException {
    Recorded r = new Recorded();
    new ProcessCollector(Path.of("/proc/self"), Path.of("/proc/stat")).collect(r);
    assertThat(r.value("process_resident_memory_bytes")).isGreaterThan(1 << 20);
    assertThat(r.value("process_open_fds")).isGreaterThan(2);
    assertThat(r.value("process_start_time_seconds")).isGreaterThan(1.6e9);
    assertThat(r.value("process_cpu_seconds_total")).isGreaterThan(0);
  }
}
