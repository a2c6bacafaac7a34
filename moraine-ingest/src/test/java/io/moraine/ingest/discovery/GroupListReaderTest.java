package io.moraine.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.Labels;
import io.moraine.ingest.discovery.GroupListReader.Format;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupListReaderTest {
  private static List<TargetGroup> read(Format f, String text) throws Exception {
    return GroupListReader.read(
        text.getBytes(StandardCharsets.UTF_8), f, "f.json", "__meta_filepath", "f.json");
  }

  @Test
  void jsonGroupsGetSourcesAddressesAndTheMetaLabel() throws Exception {
    List<TargetGroup> groups =
        read(
            Format.JSON,
            """
            [{"targets": ["a:1", "b:2"], "labels": {"job": "x", "__meta_filepath": "over"}},
             {"Targets": ["c:3"], "LABELS": null}]
            """);
    assertThat(groups)
        .containsExactly(
            new TargetGroup(
                "f.json:0",
                List.of(Labels.of("__address__", "a:1"), Labels.of("__address__", "b:2")),
                Labels.of("job", "x", "__meta_filepath", "f.json")),
            new TargetGroup(
                "f.json:1",
                List.of(Labels.of("__address__", "c:3")),
                Labels.of("__meta_filepath", "f.json")));
  }

  @Test
  void nullListAndEmptyYamlHaveNoGroups() throws Exception {
    assertThat(read(Format.JSON, "null")).isEmpty();
    assertThat(read(Format.YAML, "")).isEmpty();
    assertThat(read(Format.YAML, "# nothing\n")).isEmpty();
    assertThat(read(Format.JSON, "[{\"targets\": null}]").getFirst().targets()).isEmpty();
  }

  @Test
  void yamlTakesAnyScalarAsItsText() throws Exception {
    List<TargetGroup> groups =
        read(
            Format.YAML,
            """
            - targets: ['a:1', 8080]
              labels:
                n: 1.50
                b: true
                h: 0x10
                e: ~
            """);
    TargetGroup g = groups.getFirst();
    assertThat(g.targets())
        .containsExactly(Labels.of("__address__", "a:1"), Labels.of("__address__", "8080"));
    assertThat(g.labels())
        .isEqualTo(Labels.of("n", "1.50", "b", "true", "h", "0x10", "__meta_filepath", "f.json"));
  }

  @Test
  void malformedUtf8InJsonIsReplacedAsGoDoes() throws Exception {
    byte[] bytes = "[{\"targets\": [\"a\u00ff\"]}]".getBytes(StandardCharsets.ISO_8859_1);
    List<TargetGroup> g = GroupListReader.read(bytes, Format.JSON, "s", "__meta_url", "s");
    assertThat(g.getFirst().targets().getFirst().get("__address__")).isEqualTo("a\ufffd");
    assertThatThrownBy(() -> GroupListReader.read(bytes, Format.YAML, "s", "__meta_url", "s"))
        .isInstanceOf(TargetGroupFormatException.class)
        .hasMessage("invalid UTF-8 in YAML input");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          JSON | [{"targets":["a:1"],"labels":{"1a":"x"}}]  | "1a" is not a valid label name
          JSON | [{"targets":["a:1"],"foo":1}]              | json: unknown field "foo"
          JSON | [null]                                     | nil target group item found
          JSON | ''                                         | unexpected end of JSON input
          JSON | {}                                         | expected a list of target groups, found a map
          JSON | [{"targets":[1]}]                          | target must be a string, found a number
          JSON | [{"labels":{"a":2}}]                       | value of label a must be a string, found a number
          JSON | [{"targets":"a"}]                          | targets must be a list of strings, found a string
          JSON | [] []                                      | unexpected a list after the list of target groups
          JSON | [{"targets":["a"]}                         | Unexpected end-of-input
          YAML | '- labels: {"a-b": x}'                     | "a-b" is not a valid label name
          YAML | '- targets: [a]\\n  foo: 1'                | line 2, column 3: field foo not found in target group
          YAML | '- targets: [a]\\n  targets: [b]'          | field targets already set in target group
          YAML | '- labels: {a: 1, a: 2}'                   | key "a" already set in map
          YAML | '- Targets: [a]'                           | field Targets not found in target group
          YAML | '{}'                                       | expected a list of target groups, found a map
          YAML | '- targets: [{a: 1}]'                      | target must be a string, found a map
          YAML | '- ~'                                      | nil target group item found
          """)
  void refusesWhatPrometheusRefuses(Format format, String input, String message) {
    String text = input.replace("\\n", "\n");
    assertThatThrownBy(() -> read(format, text))
        .isInstanceOf(TargetGroupFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void errorsNameTheLine() {
    assertThatThrownBy(() -> read(Format.JSON, "[\n{\"targets\": [\"a\"]},\n null]"))
        .hasMessage("line 3, column 2: nil target group item found");
  }

  @Test
  void formatByExtension() {
    assertThat(Format.ofFileName("/a/b.JSON")).isEqualTo(Format.JSON);
    assertThat(Format.ofFileName("b.yml")).isEqualTo(Format.YAML);
    assertThat(Format.ofFileName("b.Yaml")).isEqualTo(Format.YAML);
    assertThat(Format.ofFileName("b.txt")).isNull();
  }
}
