package io.moraine.logs.logql.engine;

import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.pipeline.Pipeline;
import java.util.List;

/**
 * The default {@link PipelineFactory}: delegates to the pipeline package's {@code Pipelines}. Each
 * method is one delegating line; until {@code Pipelines} is linked into this module, each says so.
 */
final class LinkedPipelines implements PipelineFactory {
  static final LinkedPipelines INSTANCE = new LinkedPipelines();

  private LinkedPipelines() {}

  @Override
  public Pipeline compile(List<Stage> stages) {
    throw notLinked("compile");
  }

  @Override
  public ExtractorFactory extractor(LogRange range, RangeOp op) {
    throw notLinked("extractor");
  }

  @Override
  public List<String> requiredSubstrings(List<Stage> stages) {
    throw notLinked("requiredSubstrings");
  }

  private static IllegalStateException notLinked(String method) {
    return new IllegalStateException(
        "BUG: Pipelines." + method + " is not linked into the engine's default PipelineFactory");
  }
}
