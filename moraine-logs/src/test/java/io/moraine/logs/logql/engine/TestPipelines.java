package io.moraine.logs.logql.engine;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.pipeline.Pipeline;
import io.moraine.logs.logql.pipeline.SampleExtractor;
import io.moraine.logs.logql.pipeline.SampleExtractorFactory;
import io.moraine.logs.logql.pipeline.StreamPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A minimal test-only pipeline compiler: line filters ({@code |=}, {@code !=}, {@code |~}, {@code
 * !~}), a bare {@code logfmt} (space-separated {@code k=v}), string label filters, and unwrap of a
 * plain float ({@code __error__="SampleExtractionErr"} when it does not parse).
 */
final class TestPipelines implements PipelineFactory {
  @Override
  public Pipeline compile(List<Stage> stages) {
    return new Pipeline() {
      @Override
      public StreamPipeline forStream(Labels streamLabels) {
        return new TestStreamPipeline(stages, streamLabels);
      }

      @Override
      public boolean isNoop() {
        return stages.isEmpty();
      }
    };
  }

  @Override
  public SampleExtractorFactory extractor(LogRange range, RangeOp op) {
    return labels ->
        new TestExtractor(range, op, new TestStreamPipeline(range.selector().stages(), labels));
  }

  @Override
  public List<String> requiredSubstrings(List<Stage> stages) {
    List<String> out = new ArrayList<>();
    for (Stage s : stages) {
      if (s instanceof LineFilter f && f.op() == LineFilterOp.CONTAINS && f.values().size() == 1) {
        out.add(f.values().get(0).text());
      }
    }
    return out;
  }

  private static final class TestStreamPipeline implements StreamPipeline {
    private final List<Stage> stages;
    private final Labels stream;
    private final Map<Labels, Labels> interned = new HashMap<>();
    private byte[] line = new byte[0];
    private int offset;
    private int length;
    private Labels labels = Labels.EMPTY;

    TestStreamPipeline(List<Stage> stages, Labels stream) {
      this.stages = stages;
      this.stream = stream;
    }

    @Override
    public boolean process(long ts, byte[] bytes, int off, int len, Labels metadata) {
      line = bytes;
      offset = off;
      length = len;
      String text = new String(bytes, off, len, StandardCharsets.UTF_8);
      Labels.Builder b = stream.toBuilder();
      for (Stage s : stages) {
        switch (s) {
          case LineFilter f -> {
            if (!lineFilter(f, text)) {
              return false;
            }
          }
          case LogfmtParser p -> {
            for (String kv : text.split(" ")) {
              int eq = kv.indexOf('=');
              if (eq > 0) {
                b.add(kv.substring(0, eq), kv.substring(eq + 1));
              }
            }
          }
          case LabelFilterStage lf -> {
            if (!labelFilter(lf.filter(), b.build())) {
              return false;
            }
          }
          default -> throw new UnsupportedOperationException("test pipeline: " + s);
        }
      }
      labels = interned.computeIfAbsent(b.build(), l -> l);
      return true;
    }

    private static boolean lineFilter(LineFilter f, String text) {
      boolean any = false;
      for (LineFilter.Value v : f.values()) {
        boolean m =
            switch (f.op()) {
              case CONTAINS, NOT_CONTAINS -> text.contains(v.text());
              case MATCHES_REGEX, NOT_MATCHES_REGEX ->
                  Pattern.compile(v.text()).matcher(text).find();
              default -> throw new UnsupportedOperationException("test pipeline: " + f);
            };
        any |= m;
      }
      return f.op().positive() == any;
    }

    static boolean labelFilter(LabelFilter f, Labels l) {
      return switch (f) {
        case LabelFilter.StringFilter s -> s.matcher().matches(l.getOrEmpty(s.matcher().name()));
        case LabelFilter.And a -> labelFilter(a.left(), l) && labelFilter(a.right(), l);
        case LabelFilter.Or o -> labelFilter(o.left(), l) || labelFilter(o.right(), l);
        default -> throw new UnsupportedOperationException("test pipeline: " + f);
      };
    }

    @Override
    public byte[] lineBytes() {
      return line;
    }

    @Override
    public int lineOffset() {
      return offset;
    }

    @Override
    public int lineLength() {
      return length;
    }

    @Override
    public Labels labels() {
      return labels;
    }
  }

  private static final class TestExtractor implements SampleExtractor {
    private final LogRange range;
    private final RangeOp op;
    private final TestStreamPipeline pipeline;
    private final Map<Labels, Labels> interned = new HashMap<>();
    private double value;
    private Labels labels = Labels.EMPTY;

    TestExtractor(LogRange range, RangeOp op, TestStreamPipeline pipeline) {
      this.range = range;
      this.op = op;
      this.pipeline = pipeline;
    }

    @Override
    public boolean process(long ts, byte[] line, int offset, int length, Labels metadata) {
      if (!pipeline.process(ts, line, offset, length, metadata)) {
        return false;
      }
      Labels l = pipeline.labels();
      Unwrap u = range.unwrap();
      if (u == null) {
        value = op == RangeOp.BYTES_OVER_TIME || op == RangeOp.BYTES_RATE ? length : 1;
      } else {
        Labels.Builder b = l.toBuilder().remove(u.label());
        try {
          value = Double.parseDouble(l.getOrEmpty(u.label()));
        } catch (NumberFormatException e) {
          value = 0;
          b.add("__error__", "SampleExtractionErr");
        }
        l = b.build();
        for (LabelFilter f : u.postFilters()) {
          if (!TestStreamPipeline.labelFilter(f, l)) {
            return false;
          }
        }
      }
      labels = interned.computeIfAbsent(l, x -> x);
      return true;
    }

    @Override
    public double value() {
      return value;
    }

    @Override
    public Labels labels() {
      return labels;
    }
  }
}
