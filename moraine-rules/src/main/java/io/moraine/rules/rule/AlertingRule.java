package io.moraine.rules.rule;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Querier;
import io.moraine.promql.ast.Expr;
import io.moraine.promql.value.Sample;
import io.moraine.rules.file.AlertingRuleSpec;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.AlertState;
import io.moraine.rules.notify.AlertStateChange;
import io.moraine.rules.template.TemplateData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An alerting rule and its alerts. Each evaluation turns the expression's result into alerts
 * (output labels without {@code __name__}, the rule's expanded labels, {@code alertname}), moves
 * them through pending, firing and resolved as Prometheus 2.42 does (with {@code keep_firing_for}),
 * and writes {@code ALERTS} and {@code ALERTS_FOR_STATE} once the state was restored. Thread-safe:
 * the alerts are guarded by one lock.
 */
public final class AlertingRule extends Rule {
  /** How long a resolved alert is kept and re-sent, so a lost notification is made good. */
  public static final long RESOLVED_RETENTION_MILLIS = 15 * 60_000L;

  static final String ALERTS = "ALERTS";
  static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";
  static final String ALERT_NAME = "alertname";
  static final String ALERT_STATE = "alertstate";

  /**
   * What every alert of the rule shares.
   *
   * @param externalLabels {@code $externalLabels} of the templates
   * @param externalUrl {@code $externalURL}, and the base of the alerts' generator URL
   * @param restored whether the rule starts as restored (false only on the first load, until the
   *     group has restored the {@code for} state from storage)
   */
  public record Environment(
      Map<String, String> externalLabels, String externalUrl, boolean restored) {
    public Environment {
      externalLabels = Map.copyOf(externalLabels);
      Objects.requireNonNull(externalUrl, "externalUrl");
    }
  }

  private final AlertingRuleSpec spec;
  private final Environment env;
  private final Labels writtenLabels;

  /** The alerts' generator URL: fixed by the expression and {@code $externalURL}. */
  private final String generatorUrl;

  private volatile boolean restored;
  private final Object lock = new Object();

  /** Alerts by their labels, guarded by {@link #lock}. */
  private final Map<Labels, ActiveAlert> active = new LinkedHashMap<>();

  AlertingRule(AlertingRuleSpec spec, Expr expr, Environment env) {
    super(spec, expr);
    this.spec = spec;
    this.env = env;
    this.restored = env.restored();
    Labels.Builder b = Labels.builder();
    spec.labels().forEach(b::add);
    this.writtenLabels = b.build();
    this.generatorUrl = AlertTemplates.generatorUrl(env.externalUrl(), query());
  }

  /** The annotations as written (templates), in file order. */
  public Map<String, String> annotations() {
    return spec.annotations();
  }

  /** How long an alert stays pending before it fires ({@code for}), in ms. */
  public long forMillis() {
    return spec.forDuration().toMillis();
  }

  /** How long an alert keeps firing after its series went away ({@code keep_firing_for}), in ms. */
  public long keepFiringForMillis() {
    return spec.keepFiringFor().toMillis();
  }

  /** Whether the {@code for} state was restored; until then no ALERTS series are written. */
  public boolean restored() {
    return restored;
  }

  /** Marks the state as restored (or restoration as not needed). */
  public void markRestored() {
    restored = true;
  }

  /** {@inheritDoc} State changes go to the request's listener after the alerts were updated. */
  @Override
  public List<Sample> eval(EvalRequest request) throws RuleEvalException {
    long ts = request.timeMillis();
    List<Sample> result = request.queries().vector(expr(), request.queryTimeMillis());
    Map<Labels, ActiveAlert> fresh = new LinkedHashMap<>(result.size() * 2);
    for (Sample s : result) {
      ActiveAlert a = toAlert(s, request);
      if (fresh.putIfAbsent(a.labels, a) != null) {
        throw new RuleEvalException(
            "vector contains metrics with the same labelset after applying alert labels");
      }
    }
    List<AlertStateChange> changes = new ArrayList<>();
    List<Sample> out = new ArrayList<>();
    int kept;
    synchronized (lock) {
      merge(fresh, ts, changes);
      kept = advance(fresh, ts, request.queryTimeMillis(), out, changes);
      if (request.limit() > 0 && kept > request.limit()) {
        active.clear();
      }
    }
    changes.forEach(request.listener()::onChange);
    if (request.limit() > 0 && kept > request.limit()) {
      throw new RuleEvalException(
          "exceeded limit of " + request.limit() + " with " + kept + " alerts");
    }
    return out;
  }

  private ActiveAlert toAlert(Sample s, EvalRequest request) {
    TemplateContext ctx = new TemplateContext(s, request);
    Labels.Builder b = s.labels().toBuilder().remove(Labels.METRIC_NAME);
    AlertTemplates.expandAll(name(), spec.labels(), ctx::data).forEach(b::add);
    b.add(ALERT_NAME, name());
    Map<String, String> annotations =
        AlertTemplates.expandAll(name(), spec.annotations(), ctx::data);
    return new ActiveAlert(b.build(), annotations, s.v(), request.timeMillis());
  }

  /** Lazily built template data of one sample. */
  private final class TemplateContext {
    private final Sample sample;
    private final EvalRequest request;

    TemplateContext(Sample sample, EvalRequest request) {
      this.sample = sample;
      this.request = request;
    }

    TemplateData data() {
      return new TemplateData(
          sample.labels().toMap(),
          sample.v(),
          env.externalLabels(),
          env.externalUrl(),
          request.timeMillis(),
          request.queries().templateQuery());
    }
  }

  /** Updates known alerts with the new values and starts new ones as pending. */
  private void merge(Map<Labels, ActiveAlert> fresh, long ts, List<AlertStateChange> changes) {
    for (ActiveAlert a : fresh.values()) {
      ActiveAlert known = active.get(a.labels);
      if (known != null && known.phase != ActiveAlert.Phase.INACTIVE) {
        known.value = a.value;
        known.annotations = a.annotations;
        continue;
      }
      active.put(a.labels, a);
      changes.add(new AlertStateChange(ts, a.labels, AlertState.PENDING, a.value, ts));
    }
  }

  /**
   * Resolves, keeps firing, fires and forgets alerts, and writes their series.
   *
   * @return how many alerts are pending or firing
   */
  private int advance(
      Map<Labels, ActiveAlert> fresh,
      long ts,
      long qt,
      List<Sample> out,
      List<AlertStateChange> ch) {
    int kept = 0;
    long hold = forMillis();
    for (Iterator<ActiveAlert> it = active.values().iterator(); it.hasNext(); ) {
      ActiveAlert a = it.next();
      if (!fresh.containsKey(a.labels)) {
        boolean keepFiring = false;
        if (a.phase == ActiveAlert.Phase.FIRING && keepFiringForMillis() > 0) {
          if (a.keepFiringSinceMillis == 0) {
            a.keepFiringSinceMillis = ts;
          }
          keepFiring = ts - a.keepFiringSinceMillis < keepFiringForMillis();
        }
        if (a.phase == ActiveAlert.Phase.PENDING
            || (a.resolvedAtMillis != 0 && ts - a.resolvedAtMillis > RESOLVED_RETENTION_MILLIS)) {
          it.remove();
        }
        if (a.phase != ActiveAlert.Phase.INACTIVE && !keepFiring) {
          a.phase = ActiveAlert.Phase.INACTIVE;
          a.resolvedAtMillis = ts;
          ch.add(
              new AlertStateChange(ts, a.labels, AlertState.RESOLVED, a.value, a.activeAtMillis));
        }
        if (!keepFiring) {
          continue;
        }
      } else {
        a.keepFiringSinceMillis = 0;
      }
      kept++;
      if (a.phase == ActiveAlert.Phase.PENDING && ts - a.activeAtMillis >= hold) {
        a.phase = ActiveAlert.Phase.FIRING;
        a.firedAtMillis = ts;
        ch.add(new AlertStateChange(ts, a.labels, AlertState.FIRING, a.value, a.activeAtMillis));
      }
      if (restored) {
        out.add(new Sample(seriesLabels(a, ALERTS, a.phase), qt, 1));
        out.add(
            new Sample(
                seriesLabels(a, ALERTS_FOR_STATE, null),
                qt,
                Math.floorDiv(a.activeAtMillis, 1000L)));
      }
    }
    return kept;
  }

  /**
   * The labels of an alert's {@code ALERTS} ({@code phase} given) or {@code ALERTS_FOR_STATE}
   * series: the rule's labels as written, overwritten by the alert's.
   */
  Labels seriesLabels(ActiveAlert a, String metric, ActiveAlert.@Nullable Phase phase) {
    Labels.Builder b = writtenLabels.toBuilder();
    for (int i = 0; i < a.labels.size(); i++) {
      b.add(a.labels.name(i), a.labels.value(i));
    }
    b.add(Labels.METRIC_NAME, metric).add(ALERT_NAME, name());
    if (phase != null) {
      b.add(ALERT_STATE, phase == ActiveAlert.Phase.FIRING ? "firing" : "pending");
    }
    return b.build();
  }

  /**
   * The alerts to send at {@code ts}: firing ones not sent for {@code resendDelayMillis} and those
   * resolved since they were last sent. Each is marked sent and valid until {@code ts + 4 *
   * max(resendDelay, interval)}, allowing two failed evaluations or sends.
   */
  public List<Alert> alertsToSend(long ts, long resendDelayMillis, long intervalMillis) {
    List<Alert> out = new ArrayList<>();
    synchronized (lock) {
      for (ActiveAlert a : active.values()) {
        if (!a.needsSending(ts, resendDelayMillis)) {
          continue;
        }
        a.lastSentAtMillis = ts;
        a.validUntilMillis = ts + 4 * Math.max(resendDelayMillis, intervalMillis);
        long endsAt = a.resolvedAtMillis != 0 ? a.resolvedAtMillis : a.validUntilMillis;
        out.add(new Alert(a.labels, a.annotations, a.firedAtMillis, endsAt, generatorUrl));
      }
    }
    return out;
  }

  /**
   * Restores the {@code activeAt} of the current alerts from the {@code ALERTS_FOR_STATE} series in
   * {@code querier}, so that {@code for} does not start over after a restart, and marks the rule
   * restored. Rules whose {@code for} is shorter than {@code forGracePeriodMillis} are only marked.
   *
   * @param tsMillis the restore time
   */
  public void restore(Querier querier, long tsMillis, long forGracePeriodMillis) {
    if (forMillis() >= forGracePeriodMillis) {
      synchronized (lock) {
        ForStateRestore r =
            new ForStateRestore(querier, tsMillis, forGracePeriodMillis, forMillis());
        for (ActiveAlert a : active.values()) {
          r.restore(a, seriesLabels(a, ALERTS_FOR_STATE, null));
        }
      }
    }
    markRestored();
  }

  /** Takes over the alerts of {@code previous}, the same rule before a reload. */
  public void takeAlertsFrom(AlertingRule previous) {
    if (previous == this) {
      return;
    }
    Map<Labels, ActiveAlert> copy;
    synchronized (previous.lock) {
      copy = new LinkedHashMap<>(previous.active);
    }
    synchronized (lock) {
      active.putAll(copy);
    }
  }

  /** The alerts that are pending or firing (resolved ones kept for re-sending are left out). */
  public List<AlertSnapshot> activeAlerts() {
    List<AlertSnapshot> out = new ArrayList<>();
    synchronized (lock) {
      for (ActiveAlert a : active.values()) {
        if (a.resolvedAtMillis == 0 && a.phase != ActiveAlert.Phase.INACTIVE) {
          AlertState s =
              a.phase == ActiveAlert.Phase.FIRING ? AlertState.FIRING : AlertState.PENDING;
          out.add(
              new AlertSnapshot(
                  a.labels, a.annotations, s, a.activeAtMillis, a.value, a.keepFiringSinceMillis));
        }
      }
    }
    return out;
  }

  /**
   * The highest state of the rule's alerts: {@code firing}, {@code pending} or {@code inactive}.
   */
  public String stateName() {
    ActiveAlert.Phase max = ActiveAlert.Phase.INACTIVE;
    synchronized (lock) {
      for (ActiveAlert a : active.values()) {
        if (a.phase.compareTo(max) > 0) {
          max = a.phase;
        }
      }
    }
    return max.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public boolean sameDefinition(Rule other) {
    return super.sameDefinition(other)
        && other instanceof AlertingRule r
        && r.annotations().equals(annotations())
        && r.spec.forDuration().equals(spec.forDuration())
        && r.spec.keepFiringFor().equals(spec.keepFiringFor());
  }

  @Override
  public String toString() {
    return "alert: " + name() + " expr: " + query();
  }
}
