package io.moraine.server.api.prom;

/**
 * Bounds on query evaluation, from the {@code server} flags of the same Prometheus names.
 *
 * @param timeoutMillis the longest a query may take, queueing included ({@code --query.timeout},
 *     2m); a request's {@code timeout} parameter can only shorten it
 * @param maxConcurrency how many queries evaluate at once ({@code --query.max-concurrency}, 20);
 *     more wait for a slot, in arrival order, until their deadline
 */
public record QueryLimits(long timeoutMillis, int maxConcurrency) {
  public static final QueryLimits DEFAULT = new QueryLimits(120_000, 20);

  public QueryLimits {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("query timeout must be positive");
    }
    if (maxConcurrency <= 0) {
      throw new IllegalArgumentException("query concurrency must be positive");
    }
  }
}
