package io.moraine.rules.notify.route;

import io.moraine.core.labels.Matcher;
import java.util.List;

/**
 * Alertmanager's {@code inhibit_rules} entry: while an alert matching {@code sourceMatchers} fires,
 * alerts matching {@code targetMatchers} that have the same values for the {@code equal} labels (a
 * missing label counting as "") are not notified. Immutable.
 */
public record InhibitRule(
    List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
  public InhibitRule {
    sourceMatchers = List.copyOf(sourceMatchers);
    targetMatchers = List.copyOf(targetMatchers);
    equal = List.copyOf(equal);
  }
}
