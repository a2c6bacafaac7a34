package io.moraine.agent.logtail;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails kubelet's pod log files and ships them to a Loki push endpoint (see {@link
 * LogShipperOptions} and {@code docs/format/agent-positions.md}).
 *
 * <p>Delivery: every line is sent once, in file order per stream, even across restarts, rotation
 * and server outages; positions advance only when the server acknowledges a batch. A crash between
 * the acknowledgement and the positions write repeats that one batch. While the server is down,
 * reading stops once the on-disk spool holds {@code spoolMaxBytes} (plus at most one batch).
 *
 * <p>Lifecycle: construct, {@link #start} once, {@link #close} once. Runs two platform threads
 * ({@code moraine-logtail}, {@code moraine-logship}). Thread-safe.
 */
public final class LogShipper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);

  private final LogShipperOptions options;
  private final LogMetrics metrics;
  private final InstantSource clock;
  private @Nullable Tailer tailer;
  private @Nullable Sender sender;
  private @Nullable Thread tailThread;
  private @Nullable Thread sendThread;

  /**
   * @param options what to tail and where to ship
   * @param metrics where self-metrics go, typically a {@link LogCounters} also registered as the
   *     agent's {@code logs} collector
   */
  public LogShipper(LogShipperOptions options, LogMetrics metrics) {
    this(options, metrics, InstantSource.system());
  }

  /** As above, with the clock that dates lines without a readable timestamp. */
  public LogShipper(LogShipperOptions options, LogMetrics metrics, InstantSource clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reads the positions and the spool, then starts tailing and sending.
   *
   * @throws IOException when the data directory cannot be used
   * @throws io.moraine.core.encoding.CorruptionException when the positions file is corrupt
   * @throws IllegalStateException when called twice
   */
  public synchronized void start() throws IOException {
    if (tailer != null) {
      throw new IllegalStateException("log shipper already started");
    }
    Files.createDirectories(options.dataDir());
    Path positionsFile = options.dataDir().resolve("positions");
    StateFiles.Acked saved = StateFiles.readPositions(positionsFile);
    boolean firstRun = saved == null;
    StateFiles.Acked acked = saved != null ? saved : new StateFiles.Acked(0, Map.of());
    if (firstRun) {
      StateFiles.writePositions(positionsFile, acked); // a later run is no longer the first
    }
    Spool spool = new Spool(options.dataDir().resolve("spool"), metrics);
    List<SpooledBatch> pending = spool.load(acked.seq());
    Map<String, Position> cursors = new HashMap<>(acked.positions());
    long nextSeq = acked.seq() + 1;
    for (SpooledBatch b : pending) {
      b.positions().forEach((path, p) -> cursors.compute(path, (k, old) -> p.removed() ? null : p));
      nextSeq = b.seq() + 1;
    }
    LOG.atInfo()
        .addKeyValue("root", options.podLogRoot())
        .addKeyValue("url", options.pushUrl())
        .addKeyValue("positions", cursors.size())
        .addKeyValue("spooled_batches", pending.size())
        .log("log shipper starting");
    HttpClient http = HttpClient.newBuilder().connectTimeout(options.requestTimeout()).build();
    Tailer t =
        new Tailer(
            options,
            spool,
            metrics,
            clock,
            cursors,
            firstRun && options.firstRunFromEnd(),
            nextSeq);
    Sender s = new Sender(options, spool, metrics, positionsFile, acked, http);
    tailer = t;
    sender = s;
    tailThread = Thread.ofPlatform().name("moraine-logtail").daemon().start(t);
    sendThread = Thread.ofPlatform().name("moraine-logship").daemon().start(s);
  }

  /**
   * Stops both threads, waiting for a push in flight (at most the request timeout). What was read
   * but not acknowledged is read or sent again by the next run.
   */
  @Override
  public synchronized void close() {
    Tailer t = tailer;
    Sender s = sender;
    if (t == null || s == null) {
      return;
    }
    t.stop();
    s.stop();
    join(tailThread);
    join(sendThread);
  }

  private static void join(@Nullable Thread th) {
    if (th == null) {
      return;
    }
    try {
      th.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
