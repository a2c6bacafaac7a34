package io.moraine.logs.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.Decolorize;
import io.moraine.logs.logql.ast.DropLabels;
import io.moraine.logs.logql.ast.KeepLabels;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilter.Comparison;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LabelFormat;
import io.moraine.logs.logql.ast.LabelSelection;
import io.moraine.logs.logql.ast.LineFormat;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label filters, formatters, drop/keep and decolorize. */
class LabelStagesTest {
  private static final Stage LOGFMT = new LogfmtParser(false, false, List.of());

  private static Stage filter(LabelFilter f) {
    return new LabelFilterStage(f);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // line | filter kind | op | value | kept | error details
        "status=503|num|GTE|500|true|",
        "status=404|num|GTE|500|false|",
        "status=abc|num|GTE|500|true|strconv.ParseFloat: parsing \"abc\": invalid syntax",
        "other=1|num|GTE|500|false|",
        "latency=1h30m|dur|GT|3600000000000|true|",
        "latency=500ms|dur|GT|1000000000|false|",
        "latency=5x|dur|GT|1|true|time: unknown unit \"x\" in duration \"5x\"",
        "size=5MiB|bytes|EQ|5242880|true|",
        "size=2KB|bytes|LT|2001|true|",
        "size=20MB|bytes|LTE|19999999|false|",
        "size=5zz|bytes|LT|1|true|unhandled size name: zz",
      })
  void numericFilters(
      String line, String kind, Comparison op, String value, boolean kept, String err) {
    LabelFilter f =
        switch (kind) {
          case "num" -> new LabelFilter.NumberFilter("status", op, Double.parseDouble(value));
          case "dur" -> new LabelFilter.DurationFilter("latency", op, Long.parseLong(value));
          default -> new LabelFilter.BytesFilter("size", op, Long.parseLong(value));
        };
    Run r = Run.of(line, LOGFMT, filter(f));
    assertThat(r != null).isEqualTo(kept);
    if (r != null && err != null) {
      assertThat(r.labels().get("__error__")).isEqualTo("LabelFilterErr");
      assertThat(r.labels().get("__error_details__")).isEqualTo(err);
    } else if (r != null) {
      assertThat(r.labels().get("__error__")).isNull();
    }
  }

  @Test
  void stringMatchersTreatMissingAsEmptyAndTreesCombine() {
    Stage missingIsEmpty = filter(new LabelFilter.StringFilter(Matcher.eq("nope", "")));
    assertThat(Run.of("a=1", LOGFMT, missingIsEmpty)).isNotNull();
    LabelFilter tree =
        new LabelFilter.Or(
            new LabelFilter.And(
                new LabelFilter.StringFilter(Matcher.eq("level", "error")),
                new LabelFilter.NumberFilter("status", Comparison.GTE, 500)),
            new LabelFilter.StringFilter(Matcher.re("level", "warn|crit")));
    assertThat(Run.of("level=error status=502", LOGFMT, filter(tree))).isNotNull();
    assertThat(Run.of("level=error status=200", LOGFMT, filter(tree))).isNull();
    assertThat(Run.of("level=crit status=200", LOGFMT, filter(tree))).isNotNull();
    assertThat(Run.of("level=info", LOGFMT, filter(tree))).isNull();
  }

  @Test
  void errorFilterAndIpLabelFilter() {
    Stage noErrors = filter(new LabelFilter.StringFilter(Matcher.eq("__error__", "")));
    assertThat(Run.of("{bad", new io.moraine.logs.logql.ast.JsonParser(List.of()), noErrors))
        .isNull();
    assertThat(Run.of("{\"a\":1}", new io.moraine.logs.logql.ast.JsonParser(List.of()), noErrors))
        .isNotNull();
    Stage ip = filter(new LabelFilter.IpFilter("addr", true, "192.168.0.0/16"));
    assertThat(Run.of("addr=192.168.3.4", LOGFMT, ip)).isNotNull();
    assertThat(Run.of("addr=10.0.0.1", LOGFMT, ip)).isNull();
    Stage notIp = filter(new LabelFilter.IpFilter("addr", false, "192.168.0.0/16"));
    assertThat(Run.of("addr=10.0.0.1", LOGFMT, notIp)).isNotNull();
  }

  @Test
  void lineFormatDocumentedExample() {
    Run r =
        Run.kept(
            "query=\"sum(rate(x[1m]))\" duration=3.2s status=200",
            LOGFMT,
            new LineFormat("{{.query}} {{.duration}}"));
    assertThat(r.line()).isEqualTo("sum(rate(x[1m])) 3.2s");
    Run up =
        Run.kept(
            "level=info",
            LOGFMT,
            new LineFormat("{{ .level | upper }} {{ .missing }}|{{ __line__ }}"));
    assertThat(up.line()).isEqualTo("INFO |level=info");
  }

  @Test
  void lineFormatRuntimeErrorKeepsTheLine() {
    Run r = Run.kept("n=abc", LOGFMT, new LineFormat("{{ div 1 0 }}"));
    assertThat(r.line()).isEqualTo("n=abc");
    assertThat(r.labels().get("__error__")).isEqualTo("TemplateFormatErr");
    assertThat(r.labels().get("__error_details__")).contains("integer divide by zero");
  }

  @Test
  void labelFormatRenamesAndTemplates() {
    LabelFormat lf =
        new LabelFormat(
            List.of(
                new LabelFormat.Operation("dst", "src", false),
                new LabelFormat.Operation("combo", "{{.app}}-{{.dst}}-{{.src}}", true)));
    Run r = Run.kept("src=v1", LOGFMT, lf);
    // templates read the labels as they were before the stage, as Loki's map snapshot
    assertThat(r.labels().toMap()).isEqualTo(Map.of("app", "web", "dst", "v1", "combo", "web-v1-"));
  }

  @Test
  void dropAndKeep() {
    Run drop =
        Run.kept(
            "a=1 b=2 level=debug",
            LOGFMT,
            new DropLabels(
                List.of(
                    new LabelSelection("a", null),
                    new LabelSelection("level", Matcher.eq("level", "debug")))));
    assertThat(drop.labels().toMap()).isEqualTo(Map.of("app", "web", "b", "2"));
    Run keep =
        Run.kept(
            Labels.of("app", "web", "env", "prod"),
            "a=1 b=2 status=abc",
            LOGFMT,
            filter(new LabelFilter.NumberFilter("status", Comparison.GT, 1)),
            new KeepLabels(
                List.of(
                    new LabelSelection("a", null),
                    new LabelSelection("env", Matcher.eq("env", "dev")))));
    assertThat(keep.labels().toMap())
        .containsOnlyKeys("a", "__error__", "__error_details__")
        .containsEntry("a", "1");
  }

  @Test
  void decolorizeStripsAnsi() {
    Run r = Run.kept("\u001b[31mred\u001b[0m and \u001b[1;32mgreen\u001b[m", new Decolorize());
    assertThat(r.line()).isEqualTo("red and green");
  }

  @Test
  void metadataJoinsTheLabels() {
    StreamPipeline sp = Pipelines.compile(List.of()).forStream(Labels.of("app", "web"));
    byte[] line = "x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(sp.process(1, line, 0, 1, Labels.of("trace_id", "t1", "app", "m"))).isTrue();
    assertThat(sp.labels().toMap())
        .isEqualTo(Map.of("app", "web", "trace_id", "t1", "app_extracted", "m"));
  }
}
