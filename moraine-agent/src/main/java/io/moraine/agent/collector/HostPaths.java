package io.moraine.agent.collector;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The roots every collector reads from ({@code --path.procfs}, {@code --path.sysfs}, {@code
 * --path.rootfs}), so that collectors run on fixture trees in tests and on a container's view of
 * the host ({@code /host/proc}, ...) in a DaemonSet.
 *
 * @param procfs where {@code /proc} is mounted
 * @param sysfs where {@code /sys} is mounted
 * @param rootfs where the host's {@code /} is mounted (mount points in {@code /proc/1/mountinfo}
 *     are resolved under it and reported without it)
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs) {
  /** The host's own {@code /proc}, {@code /sys} and {@code /}. */
  public static final HostPaths DEFAULT =
      new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));

  public HostPaths {
    Objects.requireNonNull(procfs, "procfs");
    Objects.requireNonNull(sysfs, "sysfs");
    Objects.requireNonNull(rootfs, "rootfs");
  }

  /** All three under one fixture directory: {@code dir/proc}, {@code dir/sys}, {@code dir/root}. */
  public static HostPaths under(Path dir) {
    return new HostPaths(dir.resolve("proc"), dir.resolve("sys"), dir.resolve("root"));
  }

  /** A path under procfs, e.g. {@code proc("meminfo")}. */
  public Path proc(String relative) {
    return procfs.resolve(relative);
  }

  /** A path under sysfs, e.g. {@code sys("class/powercap")}. */
  public Path sys(String relative) {
    return sysfs.resolve(relative);
  }

  /** A host path (absolute, e.g. {@code /var/log/pods}) under rootfs. */
  public Path root(String absolute) {
    String rel = absolute.startsWith("/") ? absolute.substring(1) : absolute;
    return rel.isEmpty() ? rootfs : rootfs.resolve(rel);
  }
}
