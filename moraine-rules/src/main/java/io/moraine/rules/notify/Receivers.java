package io.moraine.rules.notify;

/**
 * Delivers notifications to the integrations (webhook, PagerDuty, ...) of named receivers, with
 * retries. Thread-safe.
 */
public interface Receivers {
  /**
   * Sends {@code n} to every integration of the receiver {@code n.receiver()}, retrying failed ones
   * with backoff until they succeed, fail permanently (a 4xx other than 429), or {@code
   * deadlineMillis} passes. Blocks the calling thread (callers use virtual threads).
   *
   * @return true when every integration delivered
   * @throws IllegalArgumentException when no receiver has that name
   */
  boolean deliver(Notification n, long deadlineMillis);
}
