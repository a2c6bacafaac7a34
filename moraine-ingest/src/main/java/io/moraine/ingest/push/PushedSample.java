package io.moraine.ingest.push;

import io.moraine.core.labels.Labels;
import java.util.Objects;

/**
 * One sample of a pushed family as it is stored: its labels ({@code __name__} included, no empty
 * values) and its value. Immutable.
 */
public record PushedSample(Labels labels, double value) {
  public PushedSample {
    Objects.requireNonNull(labels, "labels");
  }
}
