package io.moraine.logs.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LineFormat;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.ast.Unwrap.Conversion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtractorTest {
  private static final Labels STREAM = Labels.of("app", "web");

  private static SampleExtractor extractor(RangeOp op, @Nullable Unwrap unwrap, Stage... stages) {
    LogSelector sel = new LogSelector(List.of(Matcher.eq("app", "web")), List.of(stages));
    return Pipelines.extractor(new LogRange(sel, 60_000_000_000L, 0, unwrap), op).forStream(STREAM);
  }

  private static boolean process(SampleExtractor x, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return x.process(1, b, 0, b.length, Labels.EMPTY);
  }

  @Test
  void countingAndBytes() {
    SampleExtractor count =
        extractor(
            RangeOp.COUNT_OVER_TIME,
            null,
            new LineFilter(LineFilterOp.CONTAINS, List.of(new LineFilter.Value("err", false))));
    assertThat(process(count, "an error")).isTrue();
    assertThat(count.value()).isEqualTo(1.0);
    assertThat(count.labels()).isSameAs(STREAM);
    assertThat(process(count, "fine")).isFalse();
    SampleExtractor bytes =
        extractor(
            RangeOp.BYTES_OVER_TIME,
            null,
            new LogfmtParser(false, false, List.of()),
            new LineFormat("{{.a}}"));
    assertThat(process(bytes, "a=h\u00e9llo")).isTrue();
    assertThat(bytes.value()).isEqualTo(6.0); // bytes of the rewritten line, UTF-8
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NONE|1.5|1.5|",
        "NONE|-2e3|-2000|",
        "DURATION|1h30m|5400|",
        "DURATION_SECONDS|250ms|0.25|",
        "BYTES|5MiB|5242880|",
        "BYTES|2KB|2000|",
        "BYTES|1.5kib|1536|",
        "NONE|abc|0|strconv.ParseFloat: parsing \"abc\": invalid syntax",
        "DURATION|10|0|time: missing unit in duration \"10\"",
      })
  void unwrapConversions(Conversion conv, String raw, double want, String error) {
    SampleExtractor x =
        extractor(
            RangeOp.SUM_OVER_TIME,
            new Unwrap("v", conv, List.of()),
            new LogfmtParser(false, false, List.of()));
    assertThat(process(x, "v=" + raw + " other=1")).isTrue();
    assertThat(x.value()).isEqualTo(want);
    Map<String, String> l = x.labels().toMap();
    assertThat(l).doesNotContainKey("v").containsEntry("other", "1");
    if (error == null) {
      assertThat(l).doesNotContainKey("__error__");
    } else {
      assertThat(l)
          .containsEntry("__error__", "SampleExtractionErr")
          .containsEntry("__error_details__", error);
    }
  }

  @Test
  void missingUnwrappedLabelGivesNoSampleAndPostFiltersApply() {
    Unwrap u =
        new Unwrap(
            "v",
            Conversion.NONE,
            List.of(new LabelFilter.StringFilter(Matcher.eq("__error__", ""))));
    SampleExtractor x =
        extractor(RangeOp.MAX_OVER_TIME, u, new LogfmtParser(false, false, List.of()));
    assertThat(process(x, "other=1")).isFalse();
    assertThat(process(x, "v=bad")).isFalse(); // the error is filtered after the unwrap
    assertThat(process(x, "v=3")).isTrue();
    assertThat(x.value()).isEqualTo(3.0);
  }

  @Test
  void unwrapRequiredWhereTheFunctionNeedsIt() {
    LogSelector sel = new LogSelector(List.of(Matcher.eq("app", "web")), List.of());
    assertThatThrownBy(
            () -> Pipelines.extractor(new LogRange(sel, 1, 0, null), RangeOp.SUM_OVER_TIME))
        .hasMessageContaining("sum_over_time requires an unwrapped range");
  }

  @Test
  void equalLabelSetsAreOneInstance() {
    SampleExtractor x =
        extractor(
            RangeOp.SUM_OVER_TIME,
            new Unwrap("v", Conversion.NONE, List.of()),
            new LogfmtParser(false, false, List.of()));
    process(x, "level=info v=1");
    Labels first = x.labels();
    process(x, "level=warn v=1");
    Labels other = x.labels();
    process(x, "v=7 level=info");
    assertThat(x.labels()).isSameAs(first).isNotEqualTo(other);
    assertThat(first.toMap()).isEqualTo(Map.of("app", "web", "level", "info"));
  }
}
