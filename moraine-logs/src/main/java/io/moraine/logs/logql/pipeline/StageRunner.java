package io.moraine.logs.logql.pipeline;

/** One stage working on one stream's entries. Not thread-safe. */
interface StageRunner {
  /** Processes the entry in place; false drops it. */
  boolean process(Entry entry);
}
