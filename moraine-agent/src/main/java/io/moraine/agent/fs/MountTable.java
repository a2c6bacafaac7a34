package io.moraine.agent.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the mount table as node_exporter 1.5.0 does: procfs {@code 1/mounts} (the host's mount
 * namespace when the agent shares the host's PID namespace), falling back to {@code mounts} when
 * {@code 1/mounts} is absent (procfs mounted with {@code hidepid}).
 */
final class MountTable {
  private MountTable() {}

  /** The mounts under {@code procfs}, mount points stripped of {@code rootfs}. */
  static List<Mount> read(Path procfs, String rootfs) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(procfs.resolve("1/mounts"));
    } catch (NoSuchFileException e) {
      bytes = Files.readAllBytes(procfs.resolve("mounts"));
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), rootfs);
  }

  /**
   * Parses mounts text: device, mount point, type, options, separated by blanks.
   *
   * @throws IOException naming the line when it has fewer than four fields
   */
  static List<Mount> parse(String text, String rootfs) throws IOException {
    List<Mount> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("[ \t]+");
      if (f.length < 4) {
        throw new IOException("malformed mount point information at line " + lineNo + ": " + line);
      }
      String mountPoint = f[1].replace("\\040", " ").replace("\\011", "\t");
      out.add(new Mount(f[0], stripRootfs(mountPoint, rootfs), f[2], f[3]));
    }
    return out;
  }

  /** The mount point as seen from inside rootfs: {@code /host/var} with rootfs /host is /var. */
  static String stripRootfs(String mountPoint, String rootfs) {
    if (rootfs.equals("/")) {
      return mountPoint;
    }
    String root = rootfs.endsWith("/") ? rootfs.substring(0, rootfs.length() - 1) : rootfs;
    if (mountPoint.equals(root)) {
      return "/";
    }
    // Unlike node_exporter's plain prefix trim, /hostile is not under /host.
    return mountPoint.startsWith(root + "/") ? mountPoint.substring(root.length()) : mountPoint;
  }
}
