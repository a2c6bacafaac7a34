package io.moraine.agent.fs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node_exporter 1.5.0's {@code filesystem} collector: {@code node_filesystem_*{device, fstype,
 * mountpoint}} for each mount of procfs {@code 1/mounts} not excluded by the options.
 *
 * <p>Each statvfs runs on a pooled daemon thread and is waited for at most {@link
 * FilesystemOptions#mountTimeout()}. A mount whose call is still running is "stuck": it is reported
 * with {@code node_filesystem_device_error 1} and not called again until the running call returns,
 * so a hung NFS server costs one blocked thread, not a hung scrape (node_exporter blocks its first
 * scrape and only skips the mount afterwards). Idle pool threads end after 60 s.
 *
 * <p>Not thread-safe for concurrent {@link #collect} (the agent serialises scrapes).
 */
public final class FilesystemCollector implements Collector {
  private static final Logger LOG = LoggerFactory.getLogger(FilesystemCollector.class);
  private static final String[] LABELS = {"device", "mountpoint", "fstype"};

  private final HostPaths paths;
  private final FilesystemOptions options;

  /** Mount points whose statvfs outlived the timeout, with the call still running. */
  private final Map<String, Future<Statvfs.Result>> stuck = new HashMap<>();

  private final StatThreads statThreads = new StatThreads();

  /**
   * @param paths where procfs (for {@code 1/mounts}) and the host's root (under which mount points
   *     are resolved for statvfs and from which they are stripped) are
   * @param options exclusions and the per-mount timeout
   */
  public FilesystemCollector(HostPaths paths, FilesystemOptions options) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return "filesystem";
  }

  /** One mount's outcome; {@code stats} is null when statvfs failed or timed out. */
  private record Row(Mount mount, Statvfs.@Nullable Result stats) {}

  @Override
  public void collect(MetricWriter out) throws IOException {
    List<Row> rows = new ArrayList<>();
    Set<Mount> seen = new HashSet<>();
    for (Mount m : MountTable.read(paths.procfs(), paths.rootfs().toString())) {
      if (options.mountPointsExclude().matcher(m.mountPoint()).find()
          || options.fsTypesExclude().matcher(m.fsType()).find()) {
        continue;
      }
      // node_exporter reports a mount once even when it is listed several times.
      if (seen.add(m)) {
        rows.add(new Row(m, stat(m.mountPoint())));
      }
    }
    write(out, rows);
  }

  private Statvfs.@Nullable Result stat(String mountPoint) {
    Future<Statvfs.Result> pending = stuck.get(mountPoint);
    if (pending != null) {
      if (!pending.isDone()) {
        return null;
      }
      stuck.remove(mountPoint);
      LOG.atInfo().addKeyValue("mountpoint", mountPoint).log("statvfs answers again");
    }
    FutureTask<Statvfs.Result> call = new FutureTask<>(() -> Statvfs.of(paths.root(mountPoint)));
    statThreads.execute(call);
    try {
      return call.get(options.mountTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      stuck.put(mountPoint, call);
      LOG.atWarn()
          .addKeyValue("mountpoint", mountPoint)
          .addKeyValue("timeout", options.mountTimeout())
          .log("statvfs timed out; mount skipped until it answers");
      return null;
    } catch (ExecutionException e) {
      LOG.atDebug()
          .addKeyValue("mountpoint", mountPoint)
          .addKeyValue("err", String.valueOf(e.getCause()))
          .log("statvfs failed");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static void write(MetricWriter out, List<Row> rows) throws IOException {
    out.family(
        "node_filesystem_device_error",
        MetricType.GAUGE,
        "Whether an error occurred while getting statistics for the given device.");
    for (Row r : rows) {
      out.sample(LABELS, labels(r.mount()), r.stats() == null ? 1 : 0);
    }
    family(out, rows, "node_filesystem_size_bytes", "Filesystem size in bytes.", 0);
    family(out, rows, "node_filesystem_free_bytes", "Filesystem free space in bytes.", 1);
    family(
        out,
        rows,
        "node_filesystem_avail_bytes",
        "Filesystem space available to non-root users in bytes.",
        2);
    family(out, rows, "node_filesystem_files", "Filesystem total file nodes.", 3);
    family(out, rows, "node_filesystem_files_free", "Filesystem total free file nodes.", 4);
    family(out, rows, "node_filesystem_readonly", "Filesystem read-only status.", 5);
  }

  private static void family(MetricWriter out, List<Row> rows, String name, String help, int which)
      throws IOException {
    out.family(name, MetricType.GAUGE, help);
    for (Row r : rows) {
      Statvfs.Result s = r.stats();
      if (s == null) {
        continue;
      }
      double v =
          switch (which) {
            case 0 -> s.sizeBytes();
            case 1 -> s.freeBytes();
            case 2 -> s.availBytes();
            case 3 -> s.files();
            case 4 -> s.filesFree();
            default -> r.mount().readOnly() ? 1 : 0;
          };
      out.sample(LABELS, labels(r.mount()), v);
    }
  }

  private static String[] labels(Mount m) {
    return new String[] {m.device(), m.mountPoint(), m.fsType()};
  }
}
