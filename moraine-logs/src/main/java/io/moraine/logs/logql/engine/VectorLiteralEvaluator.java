package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vector(x)}: one sample without labels at each step, stepping in milliseconds as Loki's
 * vector iterator.
 */
final class VectorLiteralEvaluator implements StepEvaluator {
  private final double value;
  private final long stepMillis;
  private final long endMillis;
  private long currentMillis;

  VectorLiteralEvaluator(double value, QueryParams params) {
    this.value = value;
    long step = params.stepNanos() / 1_000_000;
    this.stepMillis = step == 0 ? 1 : step;
    this.endMillis = params.endNanos() / 1_000_000;
    this.currentMillis = params.startNanos() / 1_000_000 - stepMillis;
  }

  @Override
  public boolean next() {
    currentMillis += stepMillis;
    return currentMillis <= endMillis;
  }

  @Override
  public long timestampMillis() {
    return currentMillis;
  }

  @Override
  public List<SeriesSample> samples() {
    List<SeriesSample> out = new ArrayList<>(1);
    out.add(new SeriesSample(Labels.EMPTY, value));
    return out;
  }
}
