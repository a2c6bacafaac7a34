package io.moraine.server.config;

import java.util.List;

/**
 * What rule evaluation takes from prometheus.yml: {@code rule_files} and the rule settings of
 * {@code global}. Immutable.
 *
 * @param ruleFiles the {@code rule_files} globs in file order, each already joined to the config
 *     file's directory when relative (as Prometheus does); a glob that matches nothing is fine
 * @param evaluationIntervalMillis {@code global.evaluation_interval}: how often a group without its
 *     own {@code interval} is evaluated
 * @param queryOffsetMillis {@code global.rule_query_offset}: how far in the past a group without
 *     its own {@code query_offset} evaluates
 */
public record RulesConfig(
    List<String> ruleFiles, long evaluationIntervalMillis, long queryOffsetMillis) {
  /** No rule files, Prometheus' defaults: evaluated every minute, no offset. */
  public static final RulesConfig DEFAULT = new RulesConfig(List.of(), 60_000, 0);

  public RulesConfig {
    ruleFiles = List.copyOf(ruleFiles);
    if (evaluationIntervalMillis <= 0 || queryOffsetMillis < 0) {
      throw new IllegalArgumentException(
          "BUG: evaluation interval must be positive and query offset non-negative");
    }
  }
}
