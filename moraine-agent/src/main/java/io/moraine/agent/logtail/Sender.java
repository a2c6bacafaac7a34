package io.moraine.agent.logtail;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side: posts spooled batches in order, retries 429, 5xx and connection errors with
 * exponential backoff (forever: the spool holds the data), drops a batch the server rejects with
 * another 4xx, and after each acknowledged or dropped batch saves the positions, then deletes the
 * batch. Runs on one thread ({@link #run}) until {@link #stop}.
 */
final class Sender implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  private final LogShipperOptions options;
  private final Spool spool;
  private final LogMetrics metrics;
  private final Path positionsFile;
  private final HttpClient http;
  private final Map<String, Position> acked;
  private long ackedSeq;
  private volatile boolean stopped;

  Sender(
      LogShipperOptions options,
      Spool spool,
      LogMetrics metrics,
      Path positionsFile,
      StateFiles.Acked start,
      HttpClient http) {
    this.options = options;
    this.spool = spool;
    this.metrics = metrics;
    this.positionsFile = positionsFile;
    this.http = http;
    this.acked = new HashMap<>(start.positions());
    this.ackedSeq = start.seq();
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    long backoff = options.minBackoff().toNanos();
    while (!stopped) {
      try {
        SpooledBatch b = spool.awaitOldest(options.pollInterval().toNanos());
        if (b == null) {
          continue;
        }
        if (b.entries() == 0 || deliver(b)) {
          acknowledge(b);
          backoff = options.minBackoff().toNanos();
        } else {
          LockSupport.parkNanos(backoff);
          backoff = Math.min(backoff * 2, options.maxBackoff().toNanos());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.atError().setCause(e).log("log sender iteration failed, retrying");
        LockSupport.parkNanos(backoff);
        backoff = Math.min(backoff * 2, options.maxBackoff().toNanos());
      }
    }
  }

  /** One attempt; true when the batch is done with (acknowledged, or rejected and dropped). */
  private boolean deliver(SpooledBatch b) throws InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(options.pushUrl())
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/x-protobuf")
            .header("User-Agent", "moraine-agent")
            .POST(HttpRequest.BodyPublishers.ofByteArray(b.body()));
    String tenant = options.tenant();
    if (tenant != null) {
      req.header("X-Scope-OrgID", tenant);
    }
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      metrics.batchFailed("connection");
      LOG.atWarn()
          .addKeyValue("seq", b.seq())
          .addKeyValue("error", e.toString())
          .log("log push failed, will retry");
      return false;
    }
    int status = resp.statusCode();
    if (status / 100 == 2) {
      metrics.sent(b.entries(), b.lineBytes());
      return true;
    }
    String reason = status == 429 ? "rate_limited" : status >= 500 ? "server_error" : "rejected";
    metrics.batchFailed(reason);
    String body = resp.body().length() > 512 ? resp.body().substring(0, 512) : resp.body();
    if (reason.equals("rejected")) {
      metrics.dropped("rejected", b.entries());
      LOG.atError()
          .addKeyValue("seq", b.seq())
          .addKeyValue("status", status)
          .addKeyValue("entries", b.entries())
          .addKeyValue("body", body)
          .log("log push rejected, batch dropped");
      return true;
    }
    LOG.atWarn()
        .addKeyValue("seq", b.seq())
        .addKeyValue("status", status)
        .addKeyValue("body", body)
        .log("log push failed, will retry");
    return false;
  }

  private void acknowledge(SpooledBatch b) throws IOException {
    for (Map.Entry<String, Position> e : b.positions().entrySet()) {
      if (e.getValue().removed()) {
        acked.remove(e.getKey());
      } else {
        acked.put(e.getKey(), e.getValue());
      }
    }
    ackedSeq = b.seq();
    StateFiles.writePositions(positionsFile, new StateFiles.Acked(ackedSeq, Map.copyOf(acked)));
    spool.remove(b.seq());
  }
}
