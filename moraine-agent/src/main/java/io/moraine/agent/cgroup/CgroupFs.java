package io.moraine.agent.cgroup;

import io.moraine.agent.collector.HostPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cgroup hierarchy under sysfs {@code fs/cgroup}: unified (v2, {@code cgroup.controllers} at
 * the top) or one hierarchy per controller (v1, {@code cpu}, {@code cpuacct} or a combined {@code
 * cpu,cpuacct}, {@code memory}, {@code blkio}). Finds the cgroups worth reporting by one
 * depth-limited walk. Immutable after construction; thread-safe.
 */
final class CgroupFs {
  /** Deep enough for {@code /kubelet.slice/kubelet-kubepods.slice/qos/pod/container} (kind). */
  static final int MAX_DEPTH = 7;

  /** One reportable cgroup. */
  record Node(String path, CgroupPath kind) {}

  final boolean v2;
  private final Path top;
  private final @Nullable Path cpu;
  private final @Nullable Path cpuacct;
  private final @Nullable Path memory;
  private final @Nullable Path blkio;
  private final Path walkRoot;

  CgroupFs(HostPaths paths) throws IOException {
    top = paths.sys("fs/cgroup");
    v2 = Files.exists(top.resolve("cgroup.controllers"));
    if (v2) {
      cpu = top;
      cpuacct = top;
      memory = top;
      blkio = top;
      walkRoot = top;
    } else {
      cpu = first("cpu", "cpu,cpuacct", "cpuacct,cpu");
      cpuacct = first("cpuacct", "cpu,cpuacct", "cpuacct,cpu");
      memory = first("memory");
      blkio = first("blkio");
      Path w = cpuacct != null ? cpuacct : cpu != null ? cpu : memory;
      if (w == null) {
        throw new NoSuchFileException(top + "/{cgroup.controllers,cpu,cpuacct,memory}");
      }
      walkRoot = w;
    }
  }

  private @Nullable Path first(String... names) {
    for (String n : names) {
      Path p = top.resolve(n);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return null;
  }

  /** The directory of cgroup {@code path} in a controller's hierarchy (null: no such one). */
  static @Nullable Path dir(@Nullable Path hierarchy, String path) {
    if (hierarchy == null) {
      return null;
    }
    return path.equals("/") ? hierarchy : hierarchy.resolve(path.substring(1));
  }

  @Nullable Path cpu(String path) {
    return dir(cpu, path);
  }

  @Nullable Path cpuacct(String path) {
    return dir(cpuacct, path);
  }

  @Nullable Path memory(String path) {
    return dir(memory, path);
  }

  @Nullable Path blkio(String path) {
    return dir(blkio, path);
  }

  /** The directory of cgroup {@code path} in the hierarchy walked (holds cgroup.procs). */
  Path main(String path) {
    return path.equals("/") ? walkRoot : walkRoot.resolve(path.substring(1));
  }

  /**
   * The root, kubelet cgroups (kubepods, QoS classes, pods, containers) and containers outside
   * Kubernetes, root first, parents before children.
   */
  List<Node> walk() throws IOException {
    List<Node> out = new ArrayList<>();
    out.add(new Node("/", CgroupPath.ROOT_PATH));
    StringBuilder path = new StringBuilder(128);
    walk(walkRoot, path, 1, out);
    return out;
  }

  private static void walk(Path dir, StringBuilder path, int depth, List<Node> out)
      throws IOException {
    if (depth > MAX_DEPTH) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path child : ds) {
        String name = child.getFileName().toString();
        if (!maybeCgroup(name) || !Files.isDirectory(child)) {
          continue;
        }
        int mark = path.length();
        path.append('/').append(name);
        String p = path.toString();
        CgroupPath kind = CgroupPath.classify(p);
        if (kind.kind() != CgroupPath.Kind.OTHER) {
          out.add(new Node(p, kind));
        }
        if (!kind.isContainer()) {
          walk(child, path, depth + 1, out);
        }
        path.setLength(mark);
      }
    } catch (NoSuchFileException e) {
      // removed while walking: a container that just stopped
    }
  }

  /**
   * Whether a directory entry can be a cgroup, to save a stat on each of the dozens of control
   * files per cgroup: control files contain a dot ({@code cpu.stat}) or are one of three names.
   */
  static boolean maybeCgroup(String name) {
    if (name.equals("tasks") || name.equals("notify_on_release") || name.equals("release_agent")) {
      return false;
    }
    return name.indexOf('.') < 0 || name.endsWith(".slice") || name.endsWith(".scope");
  }
}
