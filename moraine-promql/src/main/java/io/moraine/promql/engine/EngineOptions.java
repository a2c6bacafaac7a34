package io.moraine.promql.engine;

/**
 * Engine settings, Prometheus's defaults in {@link #DEFAULT}.
 *
 * @param lookbackDeltaMillis how far back an instant selector looks for a sample (5m)
 * @param maxSamples the most samples a query may hold in memory at once (50,000,000)
 * @param defaultSubqueryStepMillis the step of a subquery written without one (Prometheus uses the
 *     global evaluation interval, 1m by default)
 */
public record EngineOptions(
    long lookbackDeltaMillis, long maxSamples, long defaultSubqueryStepMillis) {
  public static final EngineOptions DEFAULT = new EngineOptions(5 * 60_000L, 50_000_000L, 60_000L);

  public EngineOptions {
    if (lookbackDeltaMillis <= 0 || maxSamples <= 0 || defaultSubqueryStepMillis <= 0) {
      throw new IllegalArgumentException("engine options must be positive");
    }
  }

  public EngineOptions withLookbackDelta(long millis) {
    return new EngineOptions(millis, maxSamples, defaultSubqueryStepMillis);
  }

  public EngineOptions withMaxSamples(long n) {
    return new EngineOptions(lookbackDeltaMillis, n, defaultSubqueryStepMillis);
  }
}
