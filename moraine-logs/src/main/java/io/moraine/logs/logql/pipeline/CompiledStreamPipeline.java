package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;

/** One stream's runners over a reused {@link Entry}. Not thread-safe. */
final class CompiledStreamPipeline implements StreamPipeline {
  private final Entry entry;
  private final StageRunner[] runners;

  CompiledStreamPipeline(Labels stream, CompiledStage[] stages) {
    this.entry = new Entry(new LabelState(stream));
    this.runners = new StageRunner[stages.length];
    for (int i = 0; i < stages.length; i++) {
      runners[i] = stages[i].newRunner();
    }
  }

  @Override
  public boolean process(
      long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
    Entry e = entry;
    e.timestampNanos = timestampNanos;
    e.setLine(line, offset, length);
    e.labels.reset();
    if (!metadata.isEmpty()) {
      e.labels.addMetadata(metadata);
    }
    for (StageRunner r : runners) {
      if (!r.process(e)) {
        return false;
      }
    }
    return true;
  }

  Entry entry() {
    return entry;
  }

  @Override
  public byte[] lineBytes() {
    return entry.line;
  }

  @Override
  public int lineOffset() {
    return entry.offset;
  }

  @Override
  public int lineLength() {
    return entry.length;
  }

  @Override
  public Labels labels() {
    return entry.labels.result();
  }
}
