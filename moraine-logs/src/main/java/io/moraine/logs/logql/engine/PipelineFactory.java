package io.moraine.logs.logql.engine;

import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.pipeline.Pipeline;
import io.moraine.logs.logql.pipeline.SampleExtractorFactory;
import java.util.List;

/**
 * The engine's one seam to the pipeline compiler: how stages become executable pipelines and sample
 * extractors. Implementations are thread-safe; the engine calls them once per selector per query.
 */
public interface PipelineFactory {
  /** Compiles a selector's stages (as {@code Pipelines.compile}). */
  Pipeline compile(List<Stage> stages);

  /**
   * The sample extractor of a range aggregation (as {@code Pipelines.extractor}): the range's
   * stages, its unwrap and post-unwrap filters, and the value the op counts.
   */
  SampleExtractorFactory extractor(LogRange range, RangeOp op);

  /** Substrings every kept line contains (as {@code Pipelines.requiredSubstrings}). */
  List<String> requiredSubstrings(List<Stage> stages);
}
