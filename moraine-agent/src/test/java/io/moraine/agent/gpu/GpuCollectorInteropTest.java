package io.moraine.agent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.cgroup.ContainerRef;
import io.moraine.agent.cgroup.ProcessContainers;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector on a fake NVML compiled from C, loaded through the real binding. */
@Tag("interop")
class GpuCollectorInteropTest {
  private static final ContainerRef TRAINER =
      new ContainerRef("/kubepods/burstable/pod1234/abcd", "ml", "trainer-0", "cuda", "img:1");
  private static final ContainerRef DOCKER =
      new ContainerRef("/system.slice/docker-ffee.scope", "", "", "", "");

  /** pid 4242 is in a pod, 5151 in a plain Docker container, others on the host. */
  private static final ProcessContainers CONTAINERS =
      pid ->
          switch ((int) pid) {
            case 4242 -> Optional.of(TRAINER);
            case 5151 -> Optional.of(DOCKER);
            default -> Optional.empty();
          };

  @TempDir Path dir;

  private GpuCollector collector(Path lib) {
    return new GpuCollector(new GpuOptions(lib, HostPaths.under(dir), "node-a"), CONTAINERS);
  }

  @Test
  void writesDcgmExporterFamiliesForTwoGpus() throws Exception {
    Path lib = FakeNvml.build(dir, "two_gpus.conf", List.of());
    try (GpuCollector c = collector(lib)) {
      Recorded out = new Recorded();
      c.collect(out);
      assertThat(out.text()).isEqualTo(resource("two_gpus.prom"));
      assertThat(c.active()).isTrue();
    }
  }

  @Test
  void keepsTheLastXidAcrossScrapes() throws Exception {
    Path lib = FakeNvml.build(dir, "two_gpus.conf", List.of());
    try (GpuCollector c = collector(lib)) {
      c.collect(new Recorded());
      Recorded second = new Recorded();
      c.collect(second);
      assertThat(second.value(GpuCollector.XID_ERRORS, "gpu", "1")).isEqualTo(48);
      assertThat(second.value(GpuCollector.XID_ERRORS, "gpu", "0")).isEqualTo(0);
      assertThat(second.value("DCGM_FI_DEV_GPU_TEMP", "gpu", "0")).isEqualTo(64);
    }
  }

  @Test
  void aFunctionTheDriverLacksDropsOnlyItsFamily() throws Exception {
    // gpu0 refuses XID registration: only gpu1 has an XID series.
    Path lib =
        FakeNvml.build(dir, "two_gpus.conf", List.of("gpu0.events=3"), "FAKE_NVML_NO_ENERGY");
    try (GpuCollector c = collector(lib)) {
      Recorded out = new Recorded();
      c.collect(out);
      assertThat(out.families())
          .doesNotContainKey("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")
          .containsKeys(
              "DCGM_FI_DEV_GPU_UTIL",
              "DCGM_FI_DEV_MEM_COPY_UTIL",
              "DCGM_FI_DEV_FB_USED",
              "DCGM_FI_DEV_FB_FREE",
              "DCGM_FI_DEV_POWER_USAGE",
              "DCGM_FI_DEV_GPU_TEMP",
              "DCGM_FI_DEV_SM_CLOCK",
              GpuCollector.XID_ERRORS);
      assertThat(out.samples(GpuCollector.XID_ERRORS))
          .singleElement()
          .satisfies(s -> assertThat(s.labels()).containsEntry("gpu", "1"));
    }
  }

  @Test
  void aFailingCallOrContainerLookupSkipsOnlyWhatItConcerns() throws Exception {
    // gpu1's temperature answers NVML_ERROR_GPU_IS_LOST; pid 31 cannot be looked up.
    Path lib = FakeNvml.build(dir, "two_gpus.conf", List.of("gpu1.temp=!15"));
    ProcessContainers failing =
        pid -> {
          if (pid == 31) {
            throw new IOException("permission denied: /proc/31/cgroup");
          }
          return CONTAINERS.containerOf(pid);
        };
    try (GpuCollector c =
        new GpuCollector(new GpuOptions(lib, HostPaths.under(dir), ""), failing)) {
      Recorded out = new Recorded();
      c.collect(out);
      assertThat(out.samples("DCGM_FI_DEV_GPU_TEMP"))
          .singleElement()
          .satisfies(s -> assertThat(s.labels()).containsEntry("gpu", "0"));
      assertThat(out.value("DCGM_FI_DEV_SM_CLOCK", "gpu", "1")).isEqualTo(210);
      assertThat(out.samples("DCGM_FI_DEV_GPU_UTIL"))
          .allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("Hostname"));
      assertThat(out.value("DCGM_FI_DEV_GPU_UTIL", "pod", "trainer-0", "namespace", "ml"))
          .isEqualTo(87);
    }
  }

  @Test
  void failingInitWritesNothing() throws Exception {
    Path lib = FakeNvml.build(dir, "two_gpus.conf", List.of("init=9"));
    try (GpuCollector c = collector(lib)) {
      c.collect(new Recorded());
      Recorded out = new Recorded();
      c.collect(out);
      assertThat(out.families()).isEmpty();
      assertThat(c.active()).isFalse();
    }
  }

  @Test
  void closeShutsNvmlDownOnceAndStopsCollecting() throws Exception {
    Path marker = dir.resolve("shutdown.log");
    Path lib = FakeNvml.build(dir, "two_gpus.conf", List.of("shutdown_marker=" + marker));
    GpuCollector c = collector(lib);
    c.collect(new Recorded());
    assertThat(marker).doesNotExist();
    c.close();
    c.close();
    assertThat(Files.readString(marker)).isEqualTo("shutdown\n");
    Recorded after = new Recorded();
    c.collect(after);
    assertThat(after.families()).isEmpty();
  }

  @Test
  void noGpuWritesNothing() throws Exception {
    Path marker = dir.resolve("shutdown.log");
    Path lib =
        FakeNvml.build(dir, "two_gpus.conf", List.of("count=0", "shutdown_marker=" + marker));
    try (GpuCollector c = collector(lib)) {
      Recorded out = new Recorded();
      c.collect(out);
      assertThat(out.families()).isEmpty();
      assertThat(Files.readString(marker)).isEqualTo("shutdown\n");
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GpuCollectorInteropTest.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
