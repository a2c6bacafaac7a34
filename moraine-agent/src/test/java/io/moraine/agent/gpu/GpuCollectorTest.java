package io.moraine.agent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.Recorded;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector without a C compiler: no library, and this machine as it is. */
class GpuCollectorTest {
  @TempDir Path dir;

  @Test
  void aMissingLibraryWritesNothingAndDoesNotThrow() throws Exception {
    GpuOptions options =
        new GpuOptions(dir.resolve("libnvidia-ml.so.1"), HostPaths.under(dir), "node-a");
    try (GpuCollector c = new GpuCollector(options, pid -> Optional.empty())) {
      assertThat(c.name()).isEqualTo("gpu");
      c.collect(new Recorded());
      Recorded out = new Recorded();
      c.collect(out);
      assertThat(out.families()).isEmpty();
      assertThat(c.active()).isFalse();
    }
  }

  @Test
  void searchingAnEmptyRootNamesThePlacesTried() throws Exception {
    try {
      // A host with a driver finds the library through the system loader: nothing to check then.
      NvmlLoader.load(null, HostPaths.under(dir)).unload();
    } catch (NvmlLoader.NotFoundException e) {
      assertThat(e.getMessage())
          .contains(NvmlLoader.LIBRARY + " through the system loader")
          .contains(dir.resolve("root/usr/lib64/libnvidia-ml.so.1").toString())
          .contains(dir.resolve("root/usr/local/nvidia/lib64/libnvidia-ml.so.1").toString());
    }
  }

  /**
   * On this machine: without NVML nothing is written; on a GPU host every GPU has a temperature, a
   * clock and total memory.
   */
  @Test
  void onThisMachine() throws Exception {
    try (GpuCollector c =
        new GpuCollector(GpuOptions.search(HostPaths.DEFAULT, "host"), pid -> Optional.empty())) {
      Recorded out = new Recorded();
      c.collect(out);
      if (!c.active()) {
        assertThat(out.families()).isEmpty();
        return;
      }
      assertThat(out.samples("DCGM_FI_DEV_GPU_TEMP"))
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.value()).isGreaterThan(0));
      assertThat(out.samples("DCGM_FI_DEV_FB_FREE")).isNotEmpty();
      assertThat(out.samples("DCGM_FI_DEV_GPU_UTIL"))
          .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 100.0));
      assertThat(out.samples("DCGM_FI_DEV_GPU_TEMP"))
          .allSatisfy(
              s ->
                  assertThat(s.labels())
                      .containsKeys("gpu", "UUID", "device", "modelName", "Hostname")
                      .hasEntrySatisfying("UUID", u -> assertThat(u).startsWith("GPU-"))
                      .hasEntrySatisfying("device", d -> assertThat(d).startsWith("nvidia")));
    }
  }
}
