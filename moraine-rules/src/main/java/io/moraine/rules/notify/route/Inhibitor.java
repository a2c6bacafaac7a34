package io.moraine.rules.notify.route;

import io.moraine.core.labels.Labels;
import io.moraine.rules.notify.Alert;
import java.util.Collection;
import java.util.List;

/**
 * Alertmanager's inhibition: a target is muted while a firing source alert of some rule has the
 * same values of the rule's {@code equal} labels. A source alert that also matches the target
 * matchers does not inhibit a target that also matches the source matchers (no self-inhibition).
 * Stateless; thread-safe.
 */
final class Inhibitor {
  private final List<InhibitRule> rules;

  Inhibitor(List<InhibitRule> rules) {
    for (InhibitRule r : rules) {
      for (String n : r.equal()) {
        if (!io.moraine.core.labels.LabelValidation.isValidLabelName(n)) {
          throw new InvalidRouteException("invalid label name \"" + n + "\" in inhibit rule equal");
        }
      }
    }
    this.rules = List.copyOf(rules);
  }

  /** Whether {@code target} is inhibited by one of {@code alerts} at {@code nowMillis}. */
  boolean mutes(Labels target, Collection<Alert> alerts, long nowMillis) {
    for (InhibitRule r : rules) {
      if (!Route.matchesAll(r.targetMatchers(), target)) {
        continue;
      }
      boolean targetIsSource = Route.matchesAll(r.sourceMatchers(), target);
      for (Alert source : alerts) {
        if (source.resolvedAt(nowMillis)
            || source.labels().equals(target)
            || !Route.matchesAll(r.sourceMatchers(), source.labels())) {
          continue;
        }
        if (targetIsSource && Route.matchesAll(r.targetMatchers(), source.labels())) {
          continue;
        }
        if (equalOn(r.equal(), source.labels(), target)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean equalOn(List<String> names, Labels a, Labels b) {
    for (String n : names) {
      if (!a.getOrEmpty(n).equals(b.getOrEmpty(n))) {
        return false;
      }
    }
    return true;
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }
}
