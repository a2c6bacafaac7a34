package io.moraine.agent.gpu;

import io.moraine.agent.collector.HostPaths;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of the {@link GpuCollector}.
 *
 * @param library the NVML library file to load, or null to search: the system loader first, then
 *     {@code libnvidia-ml.so.1} in {@code /usr/lib/x86_64-linux-gnu}, {@code /usr/lib64} and {@code
 *     /usr/local/nvidia/lib64} under {@code paths.rootfs()}
 * @param paths the host roots
 * @param hostname the {@code Hostname} label on every series (dcgm-exporter's), or empty to leave
 *     the label out as dcgm-exporter does when it has none
 */
public record GpuOptions(@Nullable Path library, HostPaths paths, String hostname) {
  public GpuOptions {
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(hostname, "hostname");
  }

  /** Searching for the library on the host's own roots. */
  public static GpuOptions search(HostPaths paths, String hostname) {
    return new GpuOptions(null, paths, hostname);
  }
}
