package io.moraine.rules.group;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appendable;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Queryable;
import io.moraine.promql.value.Sample;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.rule.AlertingRule;
import io.moraine.rules.rule.EvalRequest;
import io.moraine.rules.rule.InstantQueries;
import io.moraine.rules.rule.Rule;
import io.moraine.rules.rule.RuleEvalException;
import io.moraine.rules.rule.RuleHealth;
import io.moraine.rules.rule.RuleStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rule group: its rules evaluated in order at one timestamp, each rule's output appended and
 * committed before the next rule runs (so later rules see earlier ones' results), stale markers for
 * series that went away, alerts sent, and the {@code for} state restored after the second
 * evaluation of a fresh start. Thread-safe: evaluations are serialised by a lock; the API reads
 * volatile fields and the rules' own status.
 */
final class RuleGroup {
  private static final Logger LOG = LoggerFactory.getLogger(RuleGroup.class);

  final String file;
  final String name;
  final String key;
  final long intervalMillis;
  final int limit;
  final long queryOffsetMillis;
  final List<Rule> rules;
  private final RuleManagerOptions opts;
  private final GroupMetrics.Group metrics;
  private final ReentrantLock evalLock = new ReentrantLock();

  /** Per rule, the series its last successful append wrote. Guarded by {@link #evalLock}. */
  private final List<Set<Labels>> previous;

  /** Series of rules that are gone, marked stale at the next evaluation. Guarded by evalLock. */
  private List<Labels> staleSeries = new ArrayList<>();

  private boolean shouldRestore;
  private int evaluations;
  private volatile boolean stopped;
  private volatile long lastEvaluationMillis;
  private volatile long evaluationTimeNanos;

  RuleGroup(
      String file,
      String name,
      long intervalMillis,
      int limit,
      long queryOffsetMillis,
      List<Rule> rules,
      boolean shouldRestore,
      RuleManagerOptions opts,
      GroupMetrics metrics) {
    this.file = file;
    this.name = name;
    this.key = file + ";" + name;
    this.intervalMillis = intervalMillis;
    this.limit = limit;
    this.queryOffsetMillis = queryOffsetMillis;
    this.rules = List.copyOf(rules);
    this.shouldRestore = shouldRestore;
    this.opts = opts;
    this.metrics = metrics.forGroup(key, rules.size(), intervalMillis);
    this.previous = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      previous.add(Set.of());
    }
  }

  long lastEvaluationMillis() {
    return lastEvaluationMillis;
  }

  long evaluationTimeNanos() {
    return evaluationTimeNanos;
  }

  /**
   * One scheduled iteration at slot {@code tsMillis}: evaluates every rule, times the group, and
   * restores alert state after the second iteration of a group loaded at start-up.
   */
  void iterate(long tsMillis) {
    evalLock.lock();
    try {
      metrics.iterations().inc();
      long startNanos = opts.clock().nanoTime();
      long startMillis = opts.clock().nowMillis();
      eval(tsMillis);
      long took = opts.clock().nanoTime() - startNanos;
      metrics.duration().observe(took / 1e9);
      metrics.lastDurationSeconds().set(took / 1e9);
      metrics.lastEvaluationSeconds().set(startMillis / 1e3);
      evaluationTimeNanos = took;
      lastEvaluationMillis = startMillis;
      evaluations++;
      if (shouldRestore && evaluations >= 2) {
        // As Prometheus: the first evaluation may run before recording rules and scrapes have
        // caught up, so restoring waits for the second.
        restoreForState(opts.clock().nowMillis());
        shouldRestore = false;
      }
    } finally {
      evalLock.unlock();
    }
  }

  /** Counts iterations skipped because the previous one ran late. */
  void countMissed(long missed) {
    metrics.missed().add(missed);
    metrics.iterations().add(missed);
  }

  /** Stops evaluating at the next rule boundary; does not wait. */
  void stop() {
    stopped = true;
  }

  private void eval(long ts) {
    InstantQueries queries = new InstantQueries(opts.engine(), opts.queryable().get());
    Appendable appendable = opts.appendable().get();
    long samples = 0;
    for (int i = 0; i < rules.size(); i++) {
      if (stopped) {
        return;
      }
      samples += evalRule(i, ts, queries, appendable);
    }
    metrics.samples().set(samples);
    if (!staleSeries.isEmpty()
        && OutputWriter.markStale(appendable, key, staleSeries, ts - queryOffsetMillis)) {
      staleSeries = new ArrayList<>();
    }
  }

  /** Evaluates rule {@code i} and appends its output; returns how many samples it returned. */
  private int evalRule(int i, long ts, InstantQueries queries, Appendable appendable) {
    Rule rule = rules.get(i);
    long startNanos = opts.clock().nanoTime();
    long startMillis = opts.clock().nowMillis();
    metrics.evaluations().inc();
    List<Sample> out;
    try {
      out = rule.eval(new EvalRequest(ts, queryOffsetMillis, limit, queries, opts.listener()));
    } catch (RuleEvalException | RuntimeException e) {
      metrics.failures().inc();
      LOG.atWarn()
          .addKeyValue("group", key)
          .addKeyValue("rule", rule.name())
          .addKeyValue("index", i)
          .addKeyValue("err", e.getMessage())
          .log("Evaluating rule failed");
      String msg = e instanceof RuleEvalException ? e.getMessage() : e.toString();
      rule.setStatus(
          new RuleStatus(RuleHealth.ERR, msg, startMillis, opts.clock().nanoTime() - startNanos));
      return 0;
    }
    if (rule instanceof AlertingRule ar) {
      List<Alert> alerts = ar.alertsToSend(ts, opts.resendDelay().toMillis(), intervalMillis);
      if (!alerts.isEmpty()) {
        opts.sink().send(alerts);
      }
    }
    OutputWriter.Outcome o =
        OutputWriter.write(
            appendable, key, rule.name(), out, previous.get(i), ts - queryOffsetMillis);
    if (o.written() != null) {
      previous.set(i, o.written());
    } else {
      metrics.failures().inc();
    }
    rule.setStatus(
        new RuleStatus(
            o.error() == null ? RuleHealth.OK : RuleHealth.ERR,
            o.error(),
            startMillis,
            opts.clock().nanoTime() - startNanos));
    return out.size();
  }

  /**
   * Restores the {@code activeAt} of the alerting rules' alerts from {@code ALERTS_FOR_STATE} in
   * {@code [ts - outageTolerance, ts]}.
   */
  private void restoreForState(long ts) {
    Queryable q = opts.queryable().get();
    long grace = opts.forGracePeriod().toMillis();
    try (Querier querier = q.querier(ts - opts.outageTolerance().toMillis(), ts)) {
      for (Rule r : rules) {
        if (r instanceof AlertingRule ar) {
          ar.restore(querier, ts, grace);
        }
      }
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("group", key)
          .addKeyValue("err", e.toString())
          .log("Failed to restore 'for' state");
      rules.forEach(
          r -> {
            if (r instanceof AlertingRule ar) {
              ar.markRestored();
            }
          });
    }
  }

  /**
   * Takes over the state of {@code old}, this group before a reload: rules are matched by name and
   * labels (duplicates in order), and keep their previous outputs and alerts; outputs of old rules
   * without a match are marked stale at the next evaluation. {@code old} must be stopped.
   */
  void copyStateFrom(RuleGroup old) {
    evalLock.lock();
    old.evalLock.lock();
    try {
      lastEvaluationMillis = old.lastEvaluationMillis;
      evaluationTimeNanos = old.evaluationTimeNanos;
      Map<String, Deque<Integer>> unmatched = new HashMap<>();
      for (int i = 0; i < old.rules.size(); i++) {
        unmatched.computeIfAbsent(old.rules.get(i).identity(), k -> new ArrayDeque<>()).add(i);
      }
      for (int i = 0; i < rules.size(); i++) {
        Deque<Integer> candidates = unmatched.get(rules.get(i).identity());
        Integer from = candidates == null ? null : candidates.poll();
        if (from == null) {
          continue;
        }
        previous.set(i, old.previous.get(from));
        if (rules.get(i) instanceof AlertingRule ar
            && old.rules.get(from) instanceof AlertingRule far) {
          ar.takeAlertsFrom(far);
        }
      }
      staleSeries = new ArrayList<>(old.staleSeries);
      for (Deque<Integer> left : unmatched.values()) {
        for (int fi : left) {
          staleSeries.addAll(old.previous.get(fi));
        }
      }
    } finally {
      old.evalLock.unlock();
      evalLock.unlock();
    }
  }

  /** Every series the group wrote at its last evaluation, for marking stale when it is removed. */
  List<Labels> outputs() {
    evalLock.lock();
    try {
      List<Labels> out = new ArrayList<>(staleSeries);
      previous.forEach(out::addAll);
      return out;
    } finally {
      evalLock.unlock();
    }
  }

  /** Whether {@code other} is configured the same way, so a reload keeps this group running. */
  boolean sameDefinition(RuleGroup other) {
    if (!file.equals(other.file)
        || !name.equals(other.name)
        || intervalMillis != other.intervalMillis
        || limit != other.limit
        || queryOffsetMillis != other.queryOffsetMillis
        || rules.size() != other.rules.size()) {
      return false;
    }
    for (int i = 0; i < rules.size(); i++) {
      if (!rules.get(i).sameDefinition(other.rules.get(i))) {
        return false;
      }
    }
    return true;
  }
}
