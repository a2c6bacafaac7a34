package io.moraine.graph.sites;

import io.moraine.graph.usage.UsageSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers PromQL from a map keyed by the exact expression text and evaluation time: a known
 * expression gives its value, NaN makes it fail as a timed-out query would, an unknown one gives an
 * empty vector (no data). Records every expression asked.
 */
final class KeyedUsage implements UsageSource {
  final Map<String, Double> values = new ConcurrentHashMap<>();
  final List<String> asked = new CopyOnWriteArrayList<>();
  final List<Instant> times = new CopyOnWriteArrayList<>();

  KeyedUsage put(String promql, double v) {
    values.put(promql, v);
    return this;
  }

  @Override
  public List<Sample> instant(String promql, Instant at) throws UsageException {
    asked.add(promql);
    times.add(at);
    Double v = values.get(promql);
    if (v == null) {
      return List.of();
    }
    if (v.isNaN()) {
      throw new UsageException("query timed out");
    }
    return List.of(new Sample(Map.of(), v));
  }
}
