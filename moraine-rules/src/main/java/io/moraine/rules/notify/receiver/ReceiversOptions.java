package io.moraine.rules.notify.receiver;

import io.moraine.core.time.Clock;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DefaultReceivers} needs besides the receiver configs.
 *
 * @param httpClient shared by every HTTP integration (the caller owns and closes it)
 * @param clock wall time for deadlines and payload times, monotonic time for latencies
 * @param metrics the notification metrics (registered once per registry, shared across reloads)
 * @param sslContext for SMTP STARTTLS; null for the JDK default
 * @param sleeper waits between retries
 * @param random jitter for the backoff
 * @param stateDir where the Better Stack incident ids are kept (created if missing)
 */
public record ReceiversOptions(
    HttpClient httpClient,
    Clock clock,
    NotificationMetrics metrics,
    @Nullable SSLContext sslContext,
    Sleeper sleeper,
    RandomGenerator random,
    Path stateDir) {
  public ReceiversOptions {
    Objects.requireNonNull(httpClient, "httpClient");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(stateDir, "stateDir");
  }
}
