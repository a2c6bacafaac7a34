package io.moraine.agent.fs;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the {@link FilesystemCollector}, as node_exporter's {@code --collector.filesystem.*}
 * flags.
 *
 * @param mountPointsExclude mount points (after the rootfs prefix is stripped) to skip; matched
 *     anywhere in the string, as Go's {@code MatchString}, so anchor it
 * @param fsTypesExclude filesystem types to skip, matched the same way
 * @param mountTimeout how long one statvfs may take before its mount is reported with {@code
 *     node_filesystem_device_error 1} and skipped until the call returns; positive
 */
public record FilesystemOptions(
    Pattern mountPointsExclude, Pattern fsTypesExclude, Duration mountTimeout) {
  /** node_exporter 1.5.0's default mount point exclusion (upstream, not Debian's patched one). */
  public static final String DEFAULT_MOUNT_POINTS_EXCLUDE =
      "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

  /** node_exporter 1.5.0's default filesystem type exclusion. */
  public static final String DEFAULT_FS_TYPES_EXCLUDE =
      "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs"
          + "|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
          + "|squashfs|sysfs|tracefs)$";

  /** The defaults of node_exporter 1.5.0, with its hidden 5 s mount timeout. */
  public static final FilesystemOptions DEFAULT =
      new FilesystemOptions(
          Pattern.compile(DEFAULT_MOUNT_POINTS_EXCLUDE),
          Pattern.compile(DEFAULT_FS_TYPES_EXCLUDE),
          Duration.ofSeconds(5));

  public FilesystemOptions {
    Objects.requireNonNull(mountPointsExclude, "mountPointsExclude");
    Objects.requireNonNull(fsTypesExclude, "fsTypesExclude");
    Objects.requireNonNull(mountTimeout, "mountTimeout");
    if (mountTimeout.isNegative() || mountTimeout.isZero()) {
      throw new IllegalArgumentException("mountTimeout must be positive, got " + mountTimeout);
    }
  }
}
