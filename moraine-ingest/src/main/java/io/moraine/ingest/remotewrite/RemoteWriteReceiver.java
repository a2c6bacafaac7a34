package io.moraine.ingest.remotewrite;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.storage.UnknownSeriesRefException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Prometheus remote-write 1.0 requests: a snappy block holding a {@code
 * prometheus.WriteRequest}. Thread-safe: requests may run concurrently; they share a cache of
 * series (by label bytes, with their store refs), of label strings and a pool of per-request
 * buffers. One receiver serves one store: refs cached from one store are not valid in another.
 *
 * <p>Semantics are Prometheus 2.42's write handler ({@code storage/remote/write_handler.go}):
 *
 * <ul>
 *   <li>Headers are not looked at: a body is decoded as snappy + protobuf whatever its {@code
 *       Content-Encoding} and {@code Content-Type} say.
 *   <li>The request is one batch: every sample is appended, then the batch is committed; the first
 *       sample the store refuses (out of order, duplicate timestamp with another value, too old)
 *       rolls the whole batch back and fails the request with Prometheus' message for the case.
 *   <li>A sample not newer than an earlier sample of the same series in the same request is dropped
 *       silently (Prometheus drops it at commit) and the request succeeds.
 *   <li>Labels are sorted as received; empty values are dropped. Unlike 2.42, which stores invalid
 *       names and bytes as they come and answers 500 for a repeated name, every invalid series
 *       fails the request as bad input (400 when served over HTTP).
 * </ul>
 *
 * <p>Counts {@code moraine_remote_write_received_samples_total} (samples of decodable requests) and
 * {@code moraine_remote_write_rejected_samples_total{reason}} (samples not stored: all samples of a
 * refused request under its reason, plus dropped ones as {@code out_of_order}).
 */
public final class RemoteWriteReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteReceiver.class);

  private final RemoteWriteOptions options;
  private final Workspace.Pool workspaces;
  private final Counter received;
  private final Counter.Family rejected;

  /** A receiver registering its counters in {@code registry}. */
  public RemoteWriteReceiver(RemoteWriteOptions options, MetricRegistry registry) {
    this.options = Objects.requireNonNull(options, "options");
    SeriesCache cache = new SeriesCache(options.maxCachedSeries());
    // names and values repeat across series far more than series do
    LabelsDecoder labels = new LabelsDecoder(new Symbols(options.maxCachedSeries()));
    // more than the requests that can run at once on a small machine; extra ones allocate
    this.workspaces = new Workspace.Pool(16, cache, labels);
    this.received =
        registry
            .counter(
                "moraine_remote_write_received_samples_total",
                "Samples received in decodable remote-write requests.")
            .labels();
    this.rejected =
        registry.counter(
            "moraine_remote_write_rejected_samples_total",
            "Remote-write samples not stored, by reason.",
            "reason");
  }

  /**
   * Decodes {@code body[offset, offset + length)} and stores its samples in {@code store} as one
   * batch, committed before this returns. The body is only read, and not retained.
   *
   * @throws RemoteWriteException when the request is refused; nothing of it was stored
   * @throws java.io.UncheckedIOException when the store cannot write its log (a server fault)
   */
  public WriteResult write(byte[] body, int offset, int length, Appendable store) {
    return write(ByteBuffer.wrap(body, offset, length), store);
  }

  /**
   * Decodes the bytes of {@code body} from its position to its limit (heap or direct; neither is
   * moved) and stores its samples in {@code store} as one batch, committed before this returns. The
   * buffer is only read, and not retained.
   *
   * @throws RemoteWriteException when the request is refused; nothing of it was stored
   * @throws java.io.UncheckedIOException when the store cannot write its log (a server fault)
   */
  public WriteResult write(ByteBuffer body, Appendable store) {
    Objects.requireNonNull(store, "store");
    Workspace w = workspaces.take();
    try {
      WriteBatch batch = w.batch;
      try {
        int length = SnappyBlock.decodedLength(body, options.maxDecodedBytes());
        w.decoded = SnappyBlock.decode(body, w.decoded, options.maxDecodedBytes());
        w.decoder.decode(w.decoded, length, batch);
      } catch (RemoteWriteException e) {
        rejected.labels(e.reason()).inc();
        throw e;
      }
      received.add(batch.sampleCount());
      RemoteWriteException.InvalidSeries invalid = batch.invalid();
      if (invalid != null) {
        rejected.labels(invalid.reason()).add(batch.sampleCount());
        throw invalid;
      }
      w.lastTimes.reset(batch.seriesCount());
      return append(batch, w.lastTimes, store);
    } finally {
      workspaces.give(w);
    }
  }

  private WriteResult append(WriteBatch batch, LastTimes last, Appendable store) {
    Appender app = store.appender();
    boolean ended = false;
    long stored = 0;
    try {
      for (int i = 0; i < batch.seriesCount(); i++) {
        SeriesCache.Entry e = batch.series(i);
        long ref = e.ref;
        long first = ref;
        for (int j = batch.start(i); j < batch.end(i); j++) {
          long t = batch.t(j);
          if (!last.advance(e.id, t)) {
            continue;
          }
          ref = appendOne(app, e, ref, t, batch.v(j));
          stored++;
        }
        if (ref != first) {
          e.ref = ref;
        }
      }
      ended = true;
      app.commit();
    } catch (SampleRejectedException ex) {
      rejected.labels(ex.reason()).add(batch.sampleCount());
      LOG.atWarn()
          .addKeyValue("reason", ex.reason())
          .addKeyValue("detail", ex.getMessage())
          .log("remote-write request refused: a sample was rejected by the store");
      throw new RemoteWriteException.Rejected(ex);
    } finally {
      if (!ended) {
        app.rollback();
      }
    }
    long dropped = batch.sampleCount() - stored;
    if (dropped > 0) {
      rejected.labels("out_of_order").add(dropped);
    }
    return new WriteResult(batch.seriesCount(), stored, dropped);
  }

  private static long appendOne(Appender app, SeriesCache.Entry e, long ref, long t, double v) {
    if (ref != 0) {
      try {
        return app.append(ref, t, v);
      } catch (UnknownSeriesRefException stale) {
        // the store dropped the series (head compaction): append by labels for a new ref
      }
    }
    return app.append(e.labels, t, v);
  }
}
