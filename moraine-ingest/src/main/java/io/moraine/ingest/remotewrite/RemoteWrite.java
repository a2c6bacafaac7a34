package io.moraine.ingest.remotewrite;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.ingest.remotewrite.queue.DiskQueue;
import io.moraine.ingest.remotewrite.queue.QueueOptions;
import io.moraine.ingest.remotewrite.queue.SampleBatch;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote-write sending for a whole server: one {@link RemoteWriteSender} with its own disk queue
 * ({@code <dataDir>/remote-write/<name>/}) per {@code remote_write} entry, and the {@link
 * RemoteWriteTee} that feeds them from the store's appenders. Thread-safe.
 *
 * <p>Lifecycle: {@link #start} opens the queues and starts sending what an earlier run left on
 * disk; {@link #tee} wraps the store so that every ingest path's commits are queued; {@link #apply}
 * changes the remotes (a reload); {@link #close} sends what it can within a deadline and leaves the
 * rest on disk.
 */
public final class RemoteWrite implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWrite.class);

  /** How long a removed remote may go on sending what it has queued. */
  private static final Duration REMOVED_DEADLINE = Duration.ofSeconds(10);

  private final Path dataDir;
  private final String userAgent;
  private final MetricRegistry registry;
  private final Clock clock;

  /** The remotes by queue directory, in configuration order; guarded by {@code this}. */
  private Map<String, Slot> slots = new LinkedHashMap<>();

  private @Nullable RemoteStorageMetrics metrics; // guarded by this; made with the first remote
  private final AtomicReference<@Nullable RemoteWriteTee> tee = new AtomicReference<>();

  private RemoteWrite(Path dataDir, String userAgent, MetricRegistry registry, Clock clock) {
    this.dataDir = dataDir;
    this.userAgent = userAgent;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Opens a queue per target under {@code dataDir} and starts sending.
   *
   * @param userAgent the {@code User-Agent} of requests, e.g. {@code Moraine/0.1.0}
   * @throws java.io.UncheckedIOException when a queue directory cannot be used
   * @throws IllegalArgumentException when two targets have the same name
   */
  public static RemoteWrite start(
      List<RemoteWriteTarget> targets,
      Path dataDir,
      String userAgent,
      MetricRegistry registry,
      Clock clock) {
    RemoteWrite rw = new RemoteWrite(dataDir, userAgent, registry, clock);
    rw.apply(targets, Set.of());
    return rw;
  }

  /**
   * Makes {@code targets} the remotes, matched to the running ones by queue directory (their name):
   * a running remote named in {@code unchanged} keeps its sender, queue and position; one that is
   * not gets a new sender on the same queue (what was queued and not yet sent stays and is sent by
   * the new one; commits wait meanwhile, so that none is lost); a new one starts; a running one not
   * in {@code targets} stops, sending what it has for a while, the rest staying on disk.
   *
   * @param unchanged names of targets the caller knows to be configured as the running ones
   * @throws java.io.UncheckedIOException when a new queue directory cannot be used
   * @throws IllegalArgumentException when two targets have the same name; nothing changed
   */
  public synchronized void apply(List<RemoteWriteTarget> targets, Set<String> unchanged) {
    Map<String, RemoteWriteTarget> byDir = new LinkedHashMap<>();
    for (RemoteWriteTarget t : targets) {
      if (byDir.putIfAbsent(directoryName(t), t) != null) {
        throw new IllegalArgumentException("two remote_write queues named " + directoryName(t));
      }
    }
    Map<String, Slot> next = new LinkedHashMap<>();
    List<Slot> removed = new ArrayList<>();
    for (var e : slots.entrySet()) {
      if (!byDir.containsKey(e.getKey())) {
        removed.add(e.getValue());
      }
    }
    List<Slot> added = new ArrayList<>();
    try {
      for (var e : byDir.entrySet()) {
        Slot old = slots.get(e.getKey());
        RemoteWriteTarget t = e.getValue();
        if (old == null) {
          Slot s = new Slot(open(e.getKey(), t));
          added.add(s);
          next.put(e.getKey(), s);
        } else {
          if (!unchanged.contains(t.name())) {
            old.restart(() -> open(e.getKey(), t));
          }
          next.put(e.getKey(), old);
        }
      }
    } catch (RuntimeException e) {
      added.forEach(s -> s.close(Duration.ZERO));
      throw e;
    }
    slots = next;
    RemoteWriteTee t = tee.get();
    if (t != null) {
      t.setSinks(List.copyOf(next.values()));
    }
    removed.forEach(Slot::close);
  }

  private RemoteWriteSender open(String dir, RemoteWriteTarget t) {
    RemoteStorageMetrics m = metrics;
    if (m == null) {
      m = new RemoteStorageMetrics(registry);
      registry.gauge(
          "moraine_remote_storage_highest_timestamp_in_seconds",
          "Highest timestamp that has come into the remote storage via the Appender interface, in"
              + " seconds since epoch.",
          this::highestTimestampSeconds);
      metrics = m;
    }
    QueueOptions qo =
        new QueueOptions(
            dataDir.resolve("remote-write").resolve(dir),
            Math.min(
                QueueOptions.DEFAULT_SEGMENT_BYTES, Math.max(64, t.queue().maxDiskBytes() / 4)),
            t.queue().maxDiskBytes());
    DiskQueue q = DiskQueue.open(qo, clock);
    RemoteWriteSender s = new RemoteWriteSender(t, q, httpClient(t.tls()), userAgent, m, clock);
    s.start();
    return s;
  }

  /**
   * One remote's place among the tee's sinks: its sender, replaced in place when the remote's
   * settings change. Commits hold the read lock; a restart holds the write lock while the old
   * sender lets go of the queue and the new one opens it.
   */
  private static final class Slot implements Consumer<SampleBatch> {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private RemoteWriteSender sender; // guarded by lock
    private boolean closed; // guarded by lock

    Slot(RemoteWriteSender sender) {
      this.sender = sender;
    }

    RemoteWriteSender sender() {
      lock.readLock().lock();
      try {
        return sender;
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public void accept(SampleBatch batch) {
      lock.readLock().lock();
      try {
        if (!closed) { // a commit racing the remote's removal: the remote is gone
          sender.accept(batch);
        }
      } finally {
        lock.readLock().unlock();
      }
    }

    /** Stops the sender without waiting (what is unsent stays queued) and opens a new one. */
    void restart(java.util.function.Supplier<RemoteWriteSender> opener) {
      lock.writeLock().lock();
      try {
        sender.close(Duration.ZERO);
        try {
          sender = opener.get();
        } catch (RuntimeException e) {
          closed = true; // the queue cannot be opened: the remote is out of service
          throw e;
        }
        LOG.atInfo().addKeyValue("remote_name", sender.name()).log("remote write restarted");
      } finally {
        lock.writeLock().unlock();
      }
    }

    void close(Duration deadline) {
      RemoteWriteSender s;
      lock.writeLock().lock();
      try {
        closed = true;
        s = sender;
      } finally {
        lock.writeLock().unlock();
      }
      s.close(deadline);
    }

    void close() {
      close(REMOVED_DEADLINE);
    }
  }

  /** The directory name: the remote's name when it is a safe file name, else a hash of it. */
  static String directoryName(RemoteWriteTarget t) {
    String n = t.name();
    if (n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      return n;
    }
    return Long.toHexString(io.moraine.core.labels.Labels.of("n", n).stableHash());
  }

  private static HttpClient httpClient(@Nullable SSLContext tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      b.sslContext(tls);
    }
    return b.build();
  }

  /**
   * {@code store} with its appenders teed into every remote's queue (those {@link #apply} sets
   * later included). Call once.
   */
  public Storage tee(Storage store) {
    Objects.requireNonNull(store, "store");
    RemoteWriteTee t;
    synchronized (this) {
      t = new RemoteWriteTee(store, List.copyOf(slots.values()));
      if (!tee.compareAndSet(null, t)) {
        throw new IllegalStateException("BUG: remote-write tee created twice");
      }
    }
    return new TeeStorage(store, t);
  }

  private double highestTimestampSeconds() {
    RemoteWriteTee t = tee.get();
    return t == null || t.highestTimestampMillis() == Long.MIN_VALUE
        ? 0
        : t.highestTimestampMillis() / 1000.0;
  }

  /** The senders, in configuration order. */
  public synchronized List<RemoteWriteSender> senders() {
    List<RemoteWriteSender> out = new ArrayList<>();
    slots.values().forEach(sl -> out.add(sl.sender()));
    return out;
  }

  /**
   * Stops every sender, giving them {@code deadline} together to send what is queued; what is left
   * stays on disk for the next start.
   */
  public void close(Duration deadline) {
    List<Slot> all;
    synchronized (this) {
      all = List.copyOf(slots.values());
    }
    Thread[] closing = new Thread[all.size()];
    for (int i = 0; i < closing.length; i++) {
      Slot s = all.get(i);
      closing[i] = Thread.ofVirtual().start(() -> s.close(deadline));
    }
    for (Thread t : closing) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
