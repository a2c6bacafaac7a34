package io.moraine.agent.logtail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading side: rescans the pod log root, follows every pod log file, and seals batches into
 * the spool. Runs on one thread ({@link #run}) until {@link #stop}.
 */
final class Tailer implements TailedFile.Sink, Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Tailer.class);

  private final LogShipperOptions options;
  private final Spool spool;
  private final LogMetrics metrics;
  private final InstantSource clock;
  private final Map<String, Position> cursors;
  private final boolean startAtEnd;
  private final Map<String, TailedFile> files = new LinkedHashMap<>();
  private final LineDecoder decoder = new LineDecoder();
  private final BatchBuilder batch = new BatchBuilder();
  private long nextSeq;
  private long lastSealNanos = System.nanoTime();
  private boolean firstScan = true;
  private volatile boolean stopped;

  /**
   * @param cursors where each file's reading resumes (positions plus replayed spool), consumed
   * @param startAtEnd files found by the first scan without a cursor start at their end
   * @param nextSeq the sequence number of the next batch
   */
  Tailer(
      LogShipperOptions options,
      Spool spool,
      LogMetrics metrics,
      InstantSource clock,
      Map<String, Position> cursors,
      boolean startAtEnd,
      long nextSeq) {
    this.options = options;
    this.spool = spool;
    this.metrics = metrics;
    this.clock = clock;
    this.cursors = cursors;
    this.startAtEnd = startAtEnd;
    this.nextSeq = nextSeq;
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    long nextScan = System.nanoTime();
    while (!stopped) {
      boolean progress = false;
      try {
        long now = System.nanoTime();
        if (now - nextScan >= 0) {
          scan();
          nextScan = now + options.scanInterval().toNanos();
        }
        if (spool.bytes() < options.spoolMaxBytes()) {
          progress = pollFiles();
        }
        if (now - lastSealNanos >= options.batchMaxWait().toNanos()) {
          seal();
        }
      } catch (IOException | RuntimeException e) {
        LOG.atWarn().setCause(e).log("log tailer iteration failed, retrying");
      }
      if (!progress) {
        LockSupport.parkNanos(options.pollInterval().toNanos());
      }
    }
    for (TailedFile f : files.values()) {
      try {
        f.close();
      } catch (IOException e) {
        LOG.atDebug().setCause(e).log("closing a log file");
      }
    }
  }

  private boolean pollFiles() throws IOException {
    boolean progress = false;
    java.time.Instant now = clock.instant();
    long wallNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    for (Iterator<TailedFile> it = files.values().iterator(); it.hasNext(); ) {
      TailedFile f = it.next();
      progress |= f.poll(decoder, this, wallNanos);
      if (f.finished()) {
        f.close();
        it.remove();
        batch.position(f.id.relPath(), Position.REMOVED, System.nanoTime());
        metrics.filesTailed(files.size());
      }
    }
    return progress;
  }

  @Override
  public void entry(String labels, long timeNanos, byte[] line) {
    batch.add(labels, timeNanos, line, System.nanoTime());
    if (batch.lineBytes() >= options.batchMaxBytes()) {
      seal();
    }
  }

  @Override
  public void dropped(String reason) {
    metrics.dropped(reason, 1);
  }

  /** Seals what was read (entries and moved positions) into the spool; retries until written. */
  private void seal() {
    lastSealNanos = System.nanoTime();
    for (TailedFile f : files.values()) {
      Position p = f.takeChangedPosition();
      if (p != null) {
        batch.position(f.id.relPath(), p, lastSealNanos);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    SpooledBatch b = batch.seal(nextSeq++);
    while (true) {
      try {
        spool.add(b);
        return;
      } catch (IOException e) {
        LOG.atError().setCause(e).addKeyValue("seq", b.seq()).log("cannot spool a log batch");
        LockSupport.parkNanos(options.pollInterval().toNanos());
      }
    }
  }

  private void scan() throws IOException {
    Path root = options.podLogRoot();
    Set<String> seen = new HashSet<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> s = Files.find(root, 3, (p, a) -> a.isRegularFile())) {
        for (Path p : (Iterable<Path>) s::iterator) {
          String rel = root.relativize(p).toString().replace('\\', '/');
          PodLogFile id = PodLogFile.parse(rel);
          if (id != null) {
            seen.add(rel);
            follow(id, p);
          }
        }
      }
    }
    for (TailedFile f : files.values()) {
      if (!seen.contains(f.id.relPath())) {
        f.removed();
      }
    }
    if (firstScan) {
      for (String stale : cursors.keySet()) {
        batch.position(stale, Position.REMOVED, System.nanoTime());
      }
      cursors.clear();
      firstScan = false;
    }
    metrics.filesTailed(files.size());
  }

  private void follow(PodLogFile id, Path live) throws IOException {
    TailedFile f = files.get(id.relPath());
    long inode;
    try {
      inode = TailedFile.inode(live);
    } catch (IOException e) {
      return; // removed between listing and stat: the next scan sees it gone
    }
    if (f != null) {
      if (f.inode() != inode) {
        f.rotated();
      }
      return;
    }
    Position cursor = cursors.remove(id.relPath());
    String[] labels = id.labelStrings(options.nodeName());
    int max = options.maxLineBytes();
    TailedFile opened;
    if (cursor != null && cursor.inode() == inode) {
      long offset = cursor.offset() <= Files.size(live) ? cursor.offset() : 0;
      opened = new TailedFile(id, live, offset, labels, max);
    } else if (cursor != null) {
      Path old = rotatedSibling(live, cursor.inode());
      if (old != null) {
        opened = new TailedFile(id, old, cursor.offset(), labels, max);
        opened.rotated();
      } else {
        LOG.atWarn()
            .addKeyValue("file", id.relPath())
            .log("saved position is for a file no longer present, reading the new one from 0");
        opened = new TailedFile(id, live, 0, labels, max);
      }
    } else {
      long offset = firstScan && startAtEnd ? Files.size(live) : 0;
      opened = new TailedFile(id, live, offset, labels, max);
    }
    files.put(id.relPath(), opened);
  }

  /** The rotated copy ({@code 0.log.<date>}, not gzipped) of {@code live} with that inode. */
  private static @Nullable Path rotatedSibling(Path live, long inode) throws IOException {
    Path dir = live.getParent();
    if (dir == null) {
      return null;
    }
    String prefix = live.getFileName() + ".";
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*")) {
      for (Path p : ds) {
        if (!p.toString().endsWith(".gz") && TailedFile.inode(p) == inode) {
          return p;
        }
      }
    }
    return null;
  }
}
