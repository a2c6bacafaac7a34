package io.moraine.ingest.discovery;

import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.LabelValidation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a scrape config's {@code static_configs}: targets as {@code host:port} strings and
 * labels common to them.
 *
 * @param targets addresses, each becoming a target's {@code __address__}; a {@code /} is refused,
 *     as Prometheus refuses URLs here
 * @param labels label names (Prometheus's rule) to values (valid UTF-16)
 * @throws IllegalArgumentException naming the bad target or label, with Prometheus's message
 */
public record StaticGroup(List<String> targets, Map<String, String> labels) {
  public StaticGroup {
    targets = List.copyOf(targets);
    labels = Map.copyOf(labels);
    for (String t : targets) {
      if (t.contains("/")) {
        throw new IllegalArgumentException(GoQuote.quote(t) + " is not a valid hostname");
      }
    }
    for (var e : labels.entrySet()) {
      if (!LabelValidation.isValidLabelName(e.getKey())) {
        throw new IllegalArgumentException(
            GoQuote.quote(e.getKey()) + " is not a valid label name");
      }
      if (!LabelValidation.isValidUtf16(Objects.requireNonNull(e.getValue()))) {
        throw new IllegalArgumentException(
            "invalid label value for " + GoQuote.quote(e.getKey()) + ": not valid UTF-8");
      }
    }
  }

  /** A group of targets without labels. */
  public static StaticGroup of(String... targets) {
    return new StaticGroup(List.of(targets), Map.of());
  }
}
