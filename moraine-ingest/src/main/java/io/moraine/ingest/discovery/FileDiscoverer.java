package io.moraine.ingest.discovery;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File-based discovery, as Prometheus's {@code file_sd_configs}: reads every file matching the
 * configured globs as a list of target groups, sources {@code <path>:<index>}, each group labelled
 * {@code __meta_filepath=<path>}. It re-reads every file whenever anything changes in a watched
 * directory ({@link WatchService} on each pattern's directory) and every refresh interval (by the
 * injected clock), which also re-adds watches on directories created later. A file that fails to
 * read or parse keeps its last good groups and counts {@code moraine_sd_file_read_errors_total}; a
 * file that no longer matches removes its groups.
 *
 * <p>Thread-safe; updates come from the discoverer's own thread, as {@link Discoverer} promises.
 * Owns its thread and watch service; {@link #close} releases both.
 */
public final class FileDiscoverer implements Discoverer {
  private static final Logger LOG = LoggerFactory.getLogger(FileDiscoverer.class);

  /**
   * The longest the loop waits before looking at the clock again: a refresh starts at most this
   * late after its deadline, and the injected clock cannot be slept on; five wake-ups a second cost
   * nothing measurable.
   */
  static final long CLOCK_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  static final String FILEPATH_LABEL = "__meta_filepath";

  private final List<FileGlob> globs;
  private final long intervalNanos;
  private final Clock clock;
  private final DiscoveryMetrics metrics;
  private final DiscoveryThread thread = new DiscoveryThread("moraine-sd-file");
  // The fields below belong to the discoverer's thread.
  private final GroupTracker tracker = new GroupTracker();
  private final Map<Path, WatchKey> watched = new HashMap<>();
  private Map<String, List<TargetGroup>> byFile = Map.of();

  /** A discoverer for {@code options}; nothing is read before {@link #start}. */
  public FileDiscoverer(FileDiscoveryOptions options, Clock clock, DiscoveryMetrics metrics) {
    this.globs = options.files().stream().map(FileGlob::compile).toList();
    this.intervalNanos = options.refreshInterval().toNanos();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void start(Consumer<List<TargetGroup>> updates) {
    Objects.requireNonNull(updates, "updates");
    thread.start(() -> run(updates));
  }

  @Override
  public void close() {
    thread.close();
  }

  private void run(Consumer<List<TargetGroup>> updates) {
    WatchService ws = null;
    try {
      ws = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      metrics.fileWatcherErrors.inc();
      LOG.atError()
          .addKeyValue("err", e.toString())
          .log("Error adding file watcher; files are re-read only every refresh interval");
    }
    try {
      loop(ws, updates);
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: nothing more to do
    } finally {
      closeQuietly(ws);
    }
  }

  private void loop(@Nullable WatchService ws, Consumer<List<TargetGroup>> updates)
      throws InterruptedException {
    refreshSafely(ws, updates);
    long next = clock.nanoTime() + intervalNanos;
    while (!thread.closed()) {
      long wait = Math.min(Math.max(0, next - clock.nanoTime()), CLOCK_CHECK_NANOS);
      if (awaitEvents(ws, wait)) {
        refreshSafely(ws, updates);
      }
      long now = clock.nanoTime();
      if (now - next >= 0 && !thread.closed()) {
        refreshSafely(ws, updates);
        next = nextTick(next, now, intervalNanos);
      }
    }
  }

  /** The next deadline at a fixed rate, as a ticker; skipped ticks are not made up. */
  static long nextTick(long deadline, long now, long intervalNanos) {
    long next = deadline + intervalNanos;
    return next - now > 0 ? next : now + intervalNanos;
  }

  /** Waits up to {@code nanos}; true when a watched directory changed (events drained). */
  private boolean awaitEvents(@Nullable WatchService ws, long nanos) throws InterruptedException {
    if (ws == null) {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return false;
    }
    WatchKey key = ws.poll(nanos, TimeUnit.NANOSECONDS);
    if (key == null) {
      return false;
    }
    // Which event on which file does not matter: a change anywhere re-reads everything, as
    // editors and config-map updates produce every mix of create, modify, delete and rename.
    do {
      key.pollEvents();
      if (!key.reset()) {
        watched.values().remove(key);
      }
    } while ((key = ws.poll()) != null);
    return true;
  }

  private void refreshSafely(@Nullable WatchService ws, Consumer<List<TargetGroup>> updates) {
    try {
      refresh(ws, updates);
    } catch (RuntimeException e) {
      if (!thread.closed()) {
        LOG.atError().setCause(e).log("File discovery refresh failed");
      }
    }
  }

  private void refresh(@Nullable WatchService ws, Consumer<List<TargetGroup>> updates) {
    long t0 = clock.nanoTime();
    Map<String, List<TargetGroup>> next = new LinkedHashMap<>();
    for (FileGlob glob : globs) {
      for (String path : glob.list()) {
        if (!next.containsKey(path)) {
          readInto(path, next);
        }
      }
    }
    if (thread.closed()) {
      return;
    }
    byFile = next;
    if (ws != null) {
      watchDirectories(ws);
    }
    metrics.fileScanDuration.observe((clock.nanoTime() - t0) / 1e9);
    List<TargetGroup> all = new ArrayList<>();
    next.values().forEach(all::addAll);
    tracker.publish(all, updates);
  }

  private void readInto(String path, Map<String, List<TargetGroup>> next) {
    try {
      GroupListReader.Format format = GroupListReader.Format.ofFileName(path);
      if (format == null) {
        throw new TargetGroupFormatException("unhandled file extension");
      }
      byte[] content = Files.readAllBytes(Path.of(path));
      next.put(path, GroupListReader.read(content, format, path, FILEPATH_LABEL, path));
    } catch (IOException | TargetGroupFormatException e) {
      if (thread.closed()) {
        return; // interrupted by close, not a bad file
      }
      metrics.fileReadErrors.inc();
      LOG.atError()
          .addKeyValue("path", path)
          .addKeyValue("err", e instanceof IOException ? e.toString() : e.getMessage())
          .log("Error reading file");
      List<TargetGroup> last = byFile.get(path);
      if (last != null) {
        next.put(path, last);
      }
    }
  }

  private void watchDirectories(WatchService ws) {
    for (FileGlob glob : globs) {
      Path dir = glob.directory();
      WatchKey key = watched.get(dir);
      if (key != null && key.isValid()) {
        continue;
      }
      try {
        watched.put(dir, dir.register(ws, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
      } catch (IOException e) {
        LOG.atError()
            .addKeyValue("path", dir)
            .addKeyValue("err", e.toString())
            .log("Error adding file watch");
      }
    }
  }

  private static void closeQuietly(@Nullable WatchService ws) {
    if (ws == null) {
      return;
    }
    try {
      ws.close();
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("err", e.toString()).log("Error closing file watcher");
    }
  }
}
