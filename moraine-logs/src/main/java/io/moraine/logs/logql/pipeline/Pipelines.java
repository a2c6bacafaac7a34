package io.moraine.logs.logql.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.logs.logql.ast.Decolorize;
import io.moraine.logs.logql.ast.DropLabels;
import io.moraine.logs.logql.ast.JsonParser;
import io.moraine.logs.logql.ast.KeepLabels;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LabelFormat;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LineFormat;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.PatternParser;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.RegexpParser;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.UnpackParser;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles LogQL pipeline stages (Loki 2.9 semantics) into executable {@link Pipeline}s and sample
 * extractors. Stateless; the results are immutable and thread-safe.
 *
 * <p>Errors a stage meets on an entry do not drop it: they set {@code __error__} (JSONParserErr,
 * LogfmtParserErr, LabelFilterErr, TemplateFormatErr, SampleExtractionErr) and {@code
 * __error_details__}. Loki 2.9 fails a metric query with "pipeline error" when a sample reaching
 * the range aggregation still carries {@code __error__} (unless {@code __preserve_error__="true"}),
 * whatever the grouping; that check belongs to the engine, which sees the extractor's labels.
 */
public final class Pipelines {
  private static final JsonFactory JSON = new JsonFactory();

  private Pipelines() {}

  /**
   * {@link #compile(List, Clock)} with the system clock (read only by the template {@code now}).
   */
  public static Pipeline compile(List<Stage> stages) {
    return compile(stages, Clock.SYSTEM);
  }

  /**
   * Compiles stages in order.
   *
   * @param clock the time source of the template function {@code now}
   * @throws IllegalArgumentException naming the stage that cannot compile (a bad regex, pattern,
   *     template, IP range, JSON expression or label name)
   */
  public static Pipeline compile(List<Stage> stages, Clock clock) {
    Objects.requireNonNull(clock);
    CompiledStage[] out = new CompiledStage[stages.size()];
    for (int i = 0; i < out.length; i++) {
      Stage s = stages.get(i);
      try {
        out[i] = compile(s, clock);
      } catch (IllegalArgumentException | TemplateException e) {
        throw new IllegalArgumentException(
            "stage " + (i + 1) + " (" + s + "): " + e.getMessage(), e);
      }
    }
    return new CompiledPipeline(out);
  }

  private static CompiledStage compile(Stage s, Clock clock) {
    return switch (s) {
      case LineFilter f -> new LineFilterStage(f);
      case JsonParser j ->
          j.extractions().isEmpty()
              ? new JsonStage(JSON)
              : new JsonPathStage(JSON, j.extractions());
      case LogfmtParser l -> new LogfmtStage(l);
      case RegexpParser r -> new RegexpStage(r.regex());
      case PatternParser p -> new PatternStage(p.pattern());
      case UnpackParser u -> new UnpackStage(JSON);
      case LabelFilterStage f ->
          new LabelFilterCompiler.Stage(LabelFilterCompiler.compile(f.filter()));
      case LineFormat f ->
          new FormatStages.LineFormatStage(
              FormatStages.template(f.template(), "line template"), clock);
      case LabelFormat f -> new FormatStages.LabelFormatStage(f.operations(), clock);
      case DropLabels d -> new LabelSelectionStage(d.labels(), false);
      case KeepLabels k -> new LabelSelectionStage(k.labels(), true);
      case Decolorize d -> new DecolorizeStage();
    };
  }

  /** {@link #extractor(LogRange, RangeOp, Clock)} with the system clock. */
  public static SampleExtractorFactory extractor(LogRange range, RangeOp op) {
    return extractor(range, op, Clock.SYSTEM);
  }

  /**
   * A sample extractor for a range aggregation: the selector's stages, then for an unwrapped range
   * the unwrap (see {@link SampleExtractor}).
   *
   * @throws IllegalArgumentException when a stage or post filter cannot compile, or {@code op}
   *     needs an unwrap the range lacks
   */
  public static SampleExtractorFactory extractor(LogRange range, RangeOp op, Clock clock) {
    Unwrap unwrap = range.unwrap();
    if (op.needsUnwrap() && unwrap == null) {
      throw new IllegalArgumentException(op.logqlName() + " requires an unwrapped range");
    }
    CompiledPipeline pipeline = (CompiledPipeline) compile(range.selector().stages(), clock);
    LabelFilterCompiler.Predicate post = null;
    if (unwrap != null && !unwrap.postFilters().isEmpty()) {
      List<LabelFilterCompiler.Predicate> ps = new ArrayList<>();
      for (LabelFilter f : unwrap.postFilters()) {
        ps.add(LabelFilterCompiler.compile(f));
      }
      post = LabelFilterCompiler.and(ps);
    }
    LabelFilterCompiler.Predicate postFilter = post;
    return (Labels stream) ->
        new UnwrapExtractor(pipeline.forStream(stream), op, unwrap, postFilter);
  }

  /**
   * The literals every kept line must contain: from positive {@code |=} filters with one non-IP
   * alternative, up to the first stage that rewrites the line (line_format, decolorize, unpack).
   * Case-sensitive exact UTF-8; a store may skip blocks lacking any of them. Empty when none.
   */
  public static List<String> requiredSubstrings(List<Stage> stages) {
    List<String> out = new ArrayList<>();
    for (Stage s : stages) {
      if (s instanceof LineFormat || s instanceof Decolorize || s instanceof UnpackParser) {
        break;
      }
      if (s instanceof LineFilter f
          && f.op() == LineFilterOp.CONTAINS
          && f.values().size() == 1
          && !f.values().getFirst().ip()
          && !f.values().getFirst().text().isEmpty()
          && !out.contains(f.values().getFirst().text())) {
        out.add(f.values().getFirst().text());
      }
    }
    return List.copyOf(out);
  }
}
