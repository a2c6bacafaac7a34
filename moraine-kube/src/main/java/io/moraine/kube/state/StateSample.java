package io.moraine.kube.state;

import io.moraine.core.labels.Labels;
import java.util.Objects;

/**
 * One kube-state series and its current value.
 *
 * @param labels the series' labels, {@code __name__} included (no {@code job} or {@code instance})
 * @param value the value in the family's unit (seconds since the epoch for times, cores, bytes,
 *     counts; 1 or 0 for info and state series)
 */
public record StateSample(Labels labels, double value) {
  public StateSample {
    Objects.requireNonNull(labels, "labels");
  }
}
