package io.moraine.core.discovery;

import io.moraine.core.labels.Labels;
import java.util.List;
import java.util.Objects;

/**
 * A set of targets from one source of one discoverer, as Prometheus's {@code targetgroup.Group}.
 *
 * @param source identifies the group within its discoverer (a file name and index, a URL and index,
 *     a Kubernetes object); a later group with the same source replaces this one
 * @param targets one label set per target, each with at least {@code __address__}
 * @param labels labels common to every target of the group (a target's own win)
 */
public record TargetGroup(String source, List<Labels> targets, Labels labels) {
  public TargetGroup {
    Objects.requireNonNull(source, "source");
    targets = List.copyOf(targets);
    Objects.requireNonNull(labels, "labels");
  }

  /** A group that removes every target the source had before. */
  public static TargetGroup empty(String source) {
    return new TargetGroup(source, List.of(), Labels.EMPTY);
  }
}
