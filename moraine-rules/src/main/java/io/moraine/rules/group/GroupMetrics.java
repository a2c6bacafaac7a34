package io.moraine.rules.group;

import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Gauge;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * The {@code moraine_rule_*} families of one manager, as Prometheus's {@code prometheus_rule_*}.
 * Thread-safe. Children are labelled {@code rule_group="FILE;NAME"}.
 */
final class GroupMetrics {
  /** Group durations from 1 ms to 1 min: rule groups of a few cheap rules up to heavy ones. */
  private static final double[] DURATION_BUCKETS = {
    0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60
  };

  private final Counter.Family evaluations;
  private final Counter.Family failures;
  private final Counter.Family iterations;
  private final Counter.Family missed;
  private final Histogram duration;
  private final Gauge.Family lastDuration;
  private final Gauge.Family lastEvaluation;
  private final Gauge.Family rules;
  private final Gauge.Family interval;
  private final Gauge.Family samples;

  GroupMetrics(MetricRegistry r) {
    String g = "rule_group";
    evaluations =
        r.counter("moraine_rule_evaluations_total", "The total number of rule evaluations.", g);
    failures =
        r.counter(
            "moraine_rule_evaluation_failures_total",
            "The total number of rule evaluation failures.",
            g);
    duration =
        r.histogram(
                "moraine_rule_group_duration_seconds",
                "The duration of rule group evaluations.",
                DURATION_BUCKETS)
            .labels();
    lastDuration =
        r.gauge(
            "moraine_rule_group_last_duration_seconds",
            "The duration of the last rule group evaluation.",
            g);
    lastEvaluation =
        r.gauge(
            "moraine_rule_group_last_evaluation_timestamp_seconds",
            "The timestamp of the last rule group evaluation in seconds.",
            g);
    rules = r.gauge("moraine_rule_group_rules", "The number of rules.", g);
    interval = r.gauge("moraine_rule_group_interval_seconds", "The interval of a rule group.", g);
    missed =
        r.counter(
            "moraine_rule_group_iterations_missed_total",
            "The total number of rule group evaluations missed due to slow rule group evaluation.",
            g);
    iterations =
        r.counter(
            "moraine_rule_group_iterations_total",
            "The total number of scheduled rule group evaluations, whether executed or missed.",
            g);
    samples =
        r.gauge(
            "moraine_rule_group_last_evaluation_samples",
            "The number of samples returned during the last rule group evaluation.",
            g);
  }

  /** The children of one group, created (and its rules and interval set) on first use. */
  Group forGroup(String key, int ruleCount, long intervalMillis) {
    Group m =
        new Group(
            evaluations.labels(key),
            failures.labels(key),
            iterations.labels(key),
            missed.labels(key),
            duration,
            lastDuration.labels(key),
            lastEvaluation.labels(key),
            samples.labels(key));
    rules.labels(key).set(ruleCount);
    interval.labels(key).set(intervalMillis / 1000.0);
    return m;
  }

  /** One group's children. */
  record Group(
      Counter evaluations,
      Counter failures,
      Counter iterations,
      Counter missed,
      Histogram duration,
      Gauge lastDurationSeconds,
      Gauge lastEvaluationSeconds,
      Gauge samples) {}
}
