package io.moraine.logs.push;

import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogEntryRejectedException;
import io.moraine.core.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * Takes a decoded push for one tenant through Loki 2.9's distributor steps: every stream's labels
 * and every entry are validated (refusals counted by reason and collected, the rest go on); then
 * the tenant's rate limit is charged with the valid lines' bytes, refusing the whole request when
 * it is exceeded; then valid entries are appended to the store in one batch (entries the store
 * refuses are collected too; the store counts those) and committed. Thread-safe: one instance
 * serves all requests.
 */
public final class LogPusher {
  private final LogAppendable store;
  private final Function<String, IngestLimits> limits;
  private final Clock clock;
  private final PushMetrics metrics;
  private final IngestionRateLimiter rateLimiter;

  /**
   * @param limits each tenant's limits; called once per push, must be thread-safe
   * @param clock wall time for the age checks, monotonic time for the rate limiter
   */
  public LogPusher(
      LogAppendable store,
      Function<String, IngestLimits> limits,
      Clock clock,
      PushMetrics metrics) {
    this.store = Objects.requireNonNull(store, "store");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.rateLimiter = new IngestionRateLimiter(clock);
  }

  /**
   * Validates, rate-limits and stores {@code batch} for {@code tenant}.
   *
   * @return counts and Loki's grouped refusal messages (answered 400 when there are any; the
   *     accepted entries are stored all the same, as in Loki)
   * @throws IngestionRateLimitedException when the valid lines exceed the tenant's rate; nothing is
   *     stored
   * @throws java.io.UncheckedIOException when the store cannot write the batch
   */
  public PushOutcome push(String tenant, PushBatch batch) {
    IngestLimits lim = Objects.requireNonNull(limits.apply(tenant), "limits for " + tenant);
    long nowNanos = clock.nowMillis() * 1_000_000L;
    var streams = batch.streams();
    Labels[] labels = new Labels[streams.size()];
    boolean[][] refused = new boolean[streams.size()][];
    GroupedErrors errors = new GroupedErrors();
    long validBytes = 0;
    int validCount = 0;
    long receivedBytes = 0;
    for (int si = 0; si < streams.size(); si++) {
      PushStream s = streams.get(si);
      receivedBytes += receivedBytes(s);
      if (s.size() == 0) {
        continue;
      }
      truncate(s, lim);
      try {
        labels[si] = PushValidator.streamLabels(s, lim);
      } catch (LogEntryRejectedException e) {
        errors.add(String.valueOf(e.getMessage()));
        metrics.discarded(e.reason(), s.size(), lineBytes(s));
        continue;
      }
      boolean[] out = new boolean[s.size()];
      for (int i = 0; i < s.size(); i++) {
        LogEntryRejectedException e = PushValidator.checkEntry(s, i, labels[si], nowNanos, lim);
        if (e != null) {
          out[i] = true;
          errors.add(String.valueOf(e.getMessage()));
          metrics.discarded(e.reason(), 1, s.lineLength(i));
        } else {
          validBytes += s.lineLength(i);
          validCount++;
        }
      }
      refused[si] = out;
    }
    metrics.received(batch.entryCount(), receivedBytes);
    if (!rateLimiter.allow(tenant, lim, validBytes)) {
      metrics.discarded(PushValidator.RATE_LIMITED, validCount, validBytes);
      throw new IngestionRateLimitedException(
          "Ingestion rate limit exceeded for user "
              + tenant
              + " (limit: "
              + (long) lim.ingestionRateBytesPerSecond()
              + " bytes/sec) while attempting to ingest '"
              + validCount
              + "' lines totaling '"
              + validBytes
              + "' bytes, reduce log volume or contact your Loki administrator to see if the"
              + " limit can be increased");
    }
    int accepted = validCount == 0 ? 0 : append(tenant, batch, labels, refused, errors);
    return new PushOutcome(accepted, errors.total(), errors.render());
  }

  private int append(
      String tenant, PushBatch batch, Labels[] labels, boolean[][] refused, GroupedErrors errors) {
    byte[] data = batch.data();
    LogAppender app = store.appender(tenant);
    try {
      for (int si = 0; si < labels.length; si++) {
        Labels ls = labels[si];
        boolean[] out = refused[si];
        if (ls == null || out == null) {
          continue;
        }
        PushStream s = batch.streams().get(si);
        for (int i = 0; i < s.size(); i++) {
          if (out[i]) {
            continue;
          }
          try {
            app.append(
                ls, s.timestampNanos(i), data, s.lineOffset(i), s.lineLength(i), s.metadata(i));
          } catch (LogEntryRejectedException e) {
            errors.add(String.valueOf(e.getMessage()));
          }
        }
      }
    } catch (RuntimeException e) {
      app.rollback();
      throw e;
    }
    return app.commit();
  }

  private static void truncate(PushStream s, IngestLimits lim) {
    int max = lim.maxLineSizeBytes();
    if (!lim.maxLineSizeTruncate() || max == 0) {
      return;
    }
    for (int i = 0; i < s.size(); i++) {
      if (s.lineLength(i) > max) {
        s.truncateLine(i, max);
      }
    }
  }

  private static long lineBytes(PushStream s) {
    long n = 0;
    for (int i = 0; i < s.size(); i++) {
      n += s.lineLength(i);
    }
    return n;
  }

  private static long receivedBytes(PushStream s) {
    long n = 0;
    for (int i = 0; i < s.size(); i++) {
      n += s.lineLength(i);
      Labels m = s.metadata(i);
      for (int j = 0; j < m.size(); j++) {
        n += m.name(j).length() + m.value(j).length();
      }
    }
    return n;
  }
}
