package io.moraine.logs.logql.engine;

import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.pipeline.Pipeline;
import io.moraine.logs.logql.pipeline.Pipelines;
import io.moraine.logs.logql.pipeline.SampleExtractorFactory;
import java.util.List;

/** The default {@link PipelineFactory}: the pipeline package's {@link Pipelines}. */
final class LinkedPipelines implements PipelineFactory {
  static final LinkedPipelines INSTANCE = new LinkedPipelines();

  private LinkedPipelines() {}

  @Override
  public Pipeline compile(List<Stage> stages) {
    return Pipelines.compile(stages);
  }

  @Override
  public SampleExtractorFactory extractor(LogRange range, RangeOp op) {
    return Pipelines.extractor(range, op);
  }

  @Override
  public List<String> requiredSubstrings(List<Stage> stages) {
    return Pipelines.requiredSubstrings(stages);
  }
}
