package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.units.GoDuration;
import io.moraine.logs.logql.units.GoFloat;
import io.moraine.logs.logql.units.HumanBytes;
import io.moraine.logs.logql.units.UnitParseException;
import org.jspecify.annotations.Nullable;

/**
 * Sample extraction for one stream, as Loki 2.9's: the pipeline runs first; without an unwrap the
 * value is 1 or the line's byte length; with one, an entry lacking the label (or with it empty)
 * gives no sample, a value that does not convert gives 0 with {@code
 * __error__="SampleExtractionErr"} and Go's message in {@code __error_details__}, the unwrapped
 * label is removed, then the post filters run. Not thread-safe.
 */
final class UnwrapExtractor implements SampleExtractor {
  static final String SAMPLE_ERR = "SampleExtractionErr";

  private final CompiledStreamPipeline pipeline;
  private final RangeOp op;
  private final @Nullable Unwrap unwrap;
  private final LabelFilterCompiler.@Nullable Predicate post;
  private final byte[] scratch = new byte[16];
  private double value;

  UnwrapExtractor(
      CompiledStreamPipeline pipeline,
      RangeOp op,
      @Nullable Unwrap unwrap,
      LabelFilterCompiler.@Nullable Predicate post) {
    this.pipeline = pipeline;
    this.op = op;
    this.unwrap = unwrap;
    this.post = post;
  }

  @Override
  public boolean process(
      long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
    if (!pipeline.process(timestampNanos, line, offset, length, metadata)) {
      return false;
    }
    Unwrap u = unwrap;
    if (u == null) {
      value =
          op == RangeOp.BYTES_OVER_TIME || op == RangeOp.BYTES_RATE ? pipeline.lineLength() : 1.0;
      return true;
    }
    LabelState labels = pipeline.entry().labels;
    String raw = labels.get(u.label());
    if (raw == null || raw.isEmpty()) {
      return false; // Loki: an entry without the unwrapped label gives no sample
    }
    try {
      value = convert(u.conversion(), raw);
    } catch (UnitParseException e) {
      value = 0;
      labels.setError(SAMPLE_ERR, e.getMessage());
    }
    labels.delete(u.label());
    LabelFilterCompiler.Predicate p = post;
    return p == null || p.test(labels, scratch);
  }

  static double convert(Unwrap.Conversion conversion, String raw) {
    return switch (conversion) {
      case NONE -> GoFloat.parse(raw);
      case DURATION, DURATION_SECONDS -> GoDuration.parseNanos(raw) / 1e9;
      case BYTES -> HumanBytes.parse(raw);
    };
  }

  @Override
  public double value() {
    return value;
  }

  @Override
  public Labels labels() {
    return pipeline.labels();
  }
}
