package io.moraine.graph.sync;

import io.moraine.graph.usage.UsageSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates PromQL from a fixed map keyed by the exact expression text; an expression mapped to NaN
 * fails as the engine would, and an unknown one fails the test (an {@link AssertionError} no caller
 * catches).
 */
final class MapUsageSource implements UsageSource {
  final Map<String, Double> values = new ConcurrentHashMap<>();

  @Override
  public List<Sample> instant(String promql, Instant at) throws UsageException {
    Double v = values.get(promql);
    if (v == null) {
      throw new AssertionError("unexpected query: " + promql);
    }
    if (v.isNaN()) {
      throw new UsageException("query timed out: " + promql);
    }
    return List.of(new Sample(Map.of(), v));
  }
}
