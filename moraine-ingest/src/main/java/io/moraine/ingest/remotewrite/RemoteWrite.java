package io.moraine.ingest.remotewrite;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.ingest.remotewrite.queue.DiskQueue;
import io.moraine.ingest.remotewrite.queue.QueueOptions;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Remote-write sending for a whole server: one {@link RemoteWriteSender} with its own disk queue
 * ({@code <dataDir>/remote-write/<name>/}) per {@code remote_write} entry, and the {@link
 * RemoteWriteTee} that feeds them from the store's appenders. Thread-safe.
 *
 * <p>Lifecycle: {@link #start} opens the queues and starts sending what an earlier run left on
 * disk; {@link #tee} wraps the store so that every ingest path's commits are queued; {@link #close}
 * sends what it can within a deadline and leaves the rest on disk.
 */
public final class RemoteWrite implements AutoCloseable {
  private final List<RemoteWriteSender> senders;
  private final AtomicReference<@Nullable RemoteWriteTee> tee = new AtomicReference<>();

  private RemoteWrite(List<RemoteWriteSender> senders) {
    this.senders = senders;
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
    List<RemoteWriteSender> senders = new ArrayList<>();
    if (targets.isEmpty()) {
      return new RemoteWrite(senders);
    }
    RemoteStorageMetrics metrics = new RemoteStorageMetrics(registry);
    RemoteWrite rw = new RemoteWrite(senders);
    registry.gauge(
        "moraine_remote_storage_highest_timestamp_in_seconds",
        "Highest timestamp that has come into the remote storage via the Appender interface, in"
            + " seconds since epoch.",
        rw::highestTimestampSeconds);
    List<String> dirs = new ArrayList<>();
    for (RemoteWriteTarget t : targets) {
      String dir = directoryName(t);
      if (dirs.contains(dir)) {
        throw new IllegalArgumentException("two remote_write queues named " + dir);
      }
      dirs.add(dir);
      QueueOptions qo =
          new QueueOptions(
              dataDir.resolve("remote-write").resolve(dir),
              Math.min(
                  QueueOptions.DEFAULT_SEGMENT_BYTES, Math.max(64, t.queue().maxDiskBytes() / 4)),
              t.queue().maxDiskBytes());
      DiskQueue q = DiskQueue.open(qo, clock);
      RemoteWriteSender s =
          new RemoteWriteSender(t, q, httpClient(t.tls()), userAgent, metrics, clock);
      senders.add(s);
      s.start();
    }
    return rw;
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
   * {@code store} with its appenders teed into every remote's queue; {@code store} itself when
   * there are no remotes. Call once.
   */
  public Storage tee(Storage store) {
    Objects.requireNonNull(store, "store");
    if (senders.isEmpty()) {
      return store;
    }
    RemoteWriteTee t = new RemoteWriteTee(store, senders);
    if (!tee.compareAndSet(null, t)) {
      throw new IllegalStateException("BUG: remote-write tee created twice");
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
  public List<RemoteWriteSender> senders() {
    return List.copyOf(senders);
  }

  /**
   * Stops every sender, giving them {@code deadline} together to send what is queued; what is left
   * stays on disk for the next start.
   */
  public void close(Duration deadline) {
    Thread[] closing = new Thread[senders.size()];
    for (int i = 0; i < closing.length; i++) {
      RemoteWriteSender s = senders.get(i);
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
