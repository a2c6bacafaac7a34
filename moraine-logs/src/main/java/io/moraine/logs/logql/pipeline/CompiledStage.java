package io.moraine.logs.logql.pipeline;

/** A stage compiled once per query. Immutable and thread-safe; makes a runner per stream. */
interface CompiledStage {
  StageRunner newRunner();
}
