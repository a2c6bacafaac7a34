package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;
import java.util.Objects;

/** The compiled stages of a selector. Immutable and thread-safe. */
final class CompiledPipeline implements Pipeline {
  private final CompiledStage[] stages;

  CompiledPipeline(CompiledStage[] stages) {
    this.stages = stages;
  }

  @Override
  public CompiledStreamPipeline forStream(Labels streamLabels) {
    return new CompiledStreamPipeline(Objects.requireNonNull(streamLabels), stages);
  }

  @Override
  public boolean isNoop() {
    return stages.length == 0;
  }
}
