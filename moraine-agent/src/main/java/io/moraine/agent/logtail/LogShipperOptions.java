package io.moraine.agent.logtail;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link LogShipper} tails and where it ships.
 *
 * @param podLogRoot the pod log directory, normally {@code HostPaths.root("/var/log/pods")}
 * @param dataDir where the positions file and the spool live ({@code <data>/logs} by convention);
 *     created when missing
 * @param pushUrl the Loki push endpoint, e.g. {@code http://server:9700/loki/api/v1/push}
 * @param nodeName the value of the {@code node} label on every stream
 * @param tenant the {@code X-Scope-OrgID} header value, or null to send none
 * @param batchMaxBytes a batch is sealed once its lines reach this many bytes
 * @param batchMaxWait a non-empty batch is sealed at the latest this long after its first entry
 * @param spoolMaxBytes reading pauses while the unacknowledged spool holds this many bytes or more
 * @param scanInterval how often the pod log root is rescanned for new, rotated or removed files
 * @param pollInterval how long the tailer waits when no file had new data
 * @param maxLineBytes longest entry: joined partial lines are truncated to it, a longer physical
 *     line is dropped (counted with reason {@code line_too_long})
 * @param minBackoff first retry delay after a failed push (doubled per failure)
 * @param maxBackoff largest retry delay
 * @param requestTimeout timeout of one push request
 * @param firstRunFromEnd on the very first run (no positions file), files already present start at
 *     their end as Promtail's do; false reads them from the beginning. Files appearing later, or
 *     without a saved position on later runs, are always read from the beginning.
 */
public record LogShipperOptions(
    Path podLogRoot,
    Path dataDir,
    URI pushUrl,
    String nodeName,
    @Nullable String tenant,
    int batchMaxBytes,
    Duration batchMaxWait,
    long spoolMaxBytes,
    Duration scanInterval,
    Duration pollInterval,
    int maxLineBytes,
    Duration minBackoff,
    Duration maxBackoff,
    Duration requestTimeout,
    boolean firstRunFromEnd) {

  public LogShipperOptions {
    Objects.requireNonNull(podLogRoot, "podLogRoot");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(pushUrl, "pushUrl");
    Objects.requireNonNull(nodeName, "nodeName");
    positive(batchMaxBytes, "batchMaxBytes");
    positive(spoolMaxBytes, "spoolMaxBytes");
    positive(maxLineBytes, "maxLineBytes");
    for (Duration d :
        new Duration[] {
          batchMaxWait, scanInterval, pollInterval, minBackoff, maxBackoff, requestTimeout
        }) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("log shipper durations must be positive, got " + d);
      }
    }
  }

  /**
   * Defaults after Promtail's: 1 MiB batches or 1 s, 256 MiB spool, a rescan every 10 s (Promtail's
   * {@code sync_period}), 256 KiB lines, backoff 500 ms to 5 min, 10 s request timeout.
   */
  public static LogShipperOptions defaults(
      Path podLogRoot, Path dataDir, URI pushUrl, String nodeName, @Nullable String tenant) {
    return new LogShipperOptions(
        podLogRoot,
        dataDir,
        pushUrl,
        nodeName,
        tenant,
        1 << 20,
        Duration.ofSeconds(1),
        256L << 20,
        Duration.ofSeconds(10),
        Duration.ofMillis(250),
        256 << 10,
        Duration.ofMillis(500),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        true);
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException("log shipper " + name + " must be positive, got " + v);
    }
  }
}
