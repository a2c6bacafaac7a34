package io.moraine.agent.cgroup;

import io.moraine.agent.collector.HostPaths;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cgroup views other collectors use: the leaf containers with their CPU time ({@link
 * ContainerUsageSource}, for energy attribution) and a process's container ({@link
 * ProcessContainers}, for GPU processes), labelled as {@link ContainerCollector} labels them. A
 * {@link ContainerCollector} built on this instance hands over its reading of the leaf containers,
 * so that {@link #containers} right after it (the energy collector in the same scrape) does not
 * walk and read the hierarchy again. Thread-safe: {@link #containers} is serialised, {@link
 * #containerOf} shares no state.
 */
public final class CgroupContainers implements ContainerUsageSource, ProcessContainers {
  /** How long a reading handed over by the collector stands in for a walk of our own. */
  static final long HANDOVER_MAX_AGE_NANOS = 1_000_000_000L;

  final HostPaths paths;
  final PodDirectory pods;
  final CgroupFs fs;
  private final StatsReader reader;
  private final Clock clock;
  private @Nullable List<ContainerUsage> handedOver;
  private long handedOverNanos;

  /**
   * @param paths where sysfs ({@code fs/cgroup}) and procfs ({@code <pid>/cgroup}) are
   * @param pods the pods of this node ({@link PodDirectory#EMPTY} outside Kubernetes)
   * @param clock the time source for the age of a handed-over reading
   * @throws IOException when sysfs has no cgroup hierarchy
   */
  public CgroupContainers(HostPaths paths, PodDirectory pods, Clock clock) throws IOException {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.pods = Objects.requireNonNull(pods, "pods");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fs = new CgroupFs(paths);
    this.reader = new StatsReader(fs, paths);
  }

  /**
   * Containers of pods (sandboxes included) and standalone containers, with CPU seconds: the
   * reading the container collector handed over if it is under {@link #HANDOVER_MAX_AGE_NANOS} old
   * (each is used at most once), else a walk of the hierarchy.
   */
  @Override
  public synchronized List<ContainerUsage> containers() throws IOException {
    List<ContainerUsage> recent = handedOver;
    handedOver = null;
    if (recent != null && clock.nanoTime() - handedOverNanos <= HANDOVER_MAX_AGE_NANOS) {
      return recent;
    }
    List<ContainerUsage> out = new ArrayList<>();
    for (CgroupFs.Node node : fs.walk()) {
      if (!node.kind().isContainer()) {
        continue;
      }
      long nanos = reader.cpuUsageNanos(node.path());
      if (nanos != FileBytes.ABSENT) {
        ContainerRef ref = Labeler.label(node.path(), node.kind(), pods).ref();
        out.add(new ContainerUsage(ref, nanos / 1e9));
      }
    }
    return out;
  }

  /** The container collector's reading of the leaf containers, taken just now. */
  synchronized void handOver(List<ContainerUsage> usage) {
    handedOver = usage;
    handedOverNanos = clock.nanoTime();
  }

  @Override
  public Optional<ContainerRef> containerOf(long pid) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(paths.proc(pid + "/cgroup"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String path = cgroupPath(lines, fs.v2);
    if (path == null) {
      return Optional.empty();
    }
    CgroupPath kind = CgroupPath.classify(path);
    if (!kind.isContainer()) {
      return Optional.empty();
    }
    return Optional.of(Labeler.label(path, kind, pods).ref());
  }

  /**
   * The process's cgroup path: the v2 line ({@code 0::/path}) on a unified host, else the line of
   * the v1 hierarchy holding cpuacct (falling back to memory, then systemd's).
   */
  static @Nullable String cgroupPath(List<String> lines, boolean v2) {
    String memory = null;
    String systemd = null;
    for (String line : lines) {
      int a = line.indexOf(':');
      int b = a < 0 ? -1 : line.indexOf(':', a + 1);
      if (b < 0) {
        continue;
      }
      String controllers = line.substring(a + 1, b);
      String path = line.substring(b + 1);
      if (v2) {
        if (controllers.isEmpty()) {
          return path;
        }
        continue;
      }
      for (String c : controllers.split(",")) {
        switch (c) {
          case "cpuacct" -> {
            return path;
          }
          case "memory" -> memory = path;
          case "name=systemd" -> systemd = path;
          default -> {}
        }
      }
    }
    return memory != null ? memory : systemd;
  }
}
