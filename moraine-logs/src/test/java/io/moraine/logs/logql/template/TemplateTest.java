package io.moraine.logs.logql.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples from Loki's template_functions docs (inputs and outputs) and Go template rules. */
class TemplateTest {
  private static final Map<String, String> LABELS =
      Map.of(
          "level",
          "info",
          "status",
          "200",
          "ts",
          "1679577215",
          "some_label",
          "aaabc",
          "sp",
          "  x  ");

  private static String run(String template) {
    StringBuilder sb = new StringBuilder();
    Template.parse(template)
        .execute(
            new TemplateData() {
              @Override
              public @Nullable String label(String name) {
                return LABELS.get(name);
              }

              @Override
              public String line() {
                return "Hello Line";
              }

              @Override
              public long timestampNanos() {
                return 1_635_811_200_500_000_000L;
              }

              @Override
              public long nowMillis() {
                return 1_700_000_000_000L;
              }
            },
            sb);
    return sb.toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '\'',
      value = {
        "{{ ToLower \"This is a string\" }} => this is a string",
        "{{ ToUpper \"This is a string\" }} => THIS IS A STRING",
        "{{ Replace \"This is a string\" \" \" \"-\" -1 }} => This-is-a-string",
        "{{ .sp | TrimSpace }} => x",
        "{{ trimAll \"$\" \"$5.00\" }} => 5.00",
        "{{ trimSuffix \"-\" \"hello-\" }} => hello",
        "{{ trimPrefix \"-\" \"-hello\" }} => hello",
        "{{ TrimPrefix \"-hello\" \"-\" }} => hello",
        "{{ regexReplaceAll \"(a*)bc\" .some_label \"${1}a\" }} => aaaa",
        "{{ regexReplaceAllLiteral \"(a*)bc\" .some_label \"${1}a\" }} => ${1}a",
        "{{ substr 0 5 \"hello world\" }} => hello",
        "{{ trunc 5 \"hello world\" }} => hello",
        "{{ trunc -5 \"hello world\" }} => world",
        "{{ repeat 3 \"hello\" }} => hellohellohello",
        "'{{ indent 4 \"hello\" }}' => '    hello'",
        "{{ contains \"cat\" \"catch\" }} => true",
        "{{ hasPrefix \"cat\" \"catch\" }} => true",
        "{{ hasSuffix \"cat\" \"catch\" }} => false",
        "{{ title \"hello world\" }} => Hello World",
        "{{ lower \"HeLLo\" | upper }} => HELLO",
        "{{ add 3 2 5 }} => 10",
        "{{ sub 5 3 }} => 2",
        "{{ mul 2 3 4 }} => 24",
        "{{ div 10 3 }} => 3",
        "{{ mod 10 3 }} => 1",
        "{{ addf 3.5 2 }} => 5.5",
        "{{ subf 5.5 2.5 }} => 3",
        "{{ mulf 1.5 2 2 }} => 6",
        "{{ divf 10 2 4 }} => 1.25",
        "{{ round 123.555555 3 }} => 123.556",
        "{{ ceil 123.001 }} => 124",
        "{{ floor 123.9999 }} => 123",
        "{{ max 1 2 3 }} => 3",
        "{{ minf 1.5 0.5 }} => 0.5",
        "{{ mulf 1000 1000 }} => 1e+06",
        "{{ int \"42\" | add 1 }} => 43",
        "{{ float64 \"1.5\" }} => 1.5",
        "{{ default \"-\" .missing }} => -",
        "{{ default \"-\" .level }} => info",
        "{{ count \"a\" .some_label }} => 3",
        "{{ alignLeft 5 \"hello world\" }} => hello",
        "{{ alignRight 5 \"hello world\" }} => world",
        "'{{ alignLeft 7 \"abc\" }}|' => 'abc    |'",
        "{{ b64enc \"hello\" }} => aGVsbG8=",
        "{{ b64dec \"aGVsbG8=\" }} => hello",
        "{{ urlencode \"a b&c=d\" }} => a+b%26c%3Dd",
        "{{ urldecode \"a+b%26c\" }} => a b&c",
        "{{ bytes \"2 KB\" }} => 2000",
        "{{ duration \"1h30m\" }} => 5400",
        "{{ toDate \"2006-01-02\" \"2021-11-02\" | date \"02.01.2006\" }} => 02.11.2021",
        "{{ unixEpoch (toDate \"2006-01-02\" \"2021-11-02\") }} => 1635811200",
        "{{ .ts | unixToTime | date \"2006-01-02 15:04:05\" }} => 2023-03-23 13:13:35",
        "{{ __timestamp__ | unixEpochMillis }} => 1635811200500",
        "{{ __timestamp__ | date \"2006-01-02T15:04:05.000Z07:00\" }} => 2021-11-02T00:00:00.500Z",
        "{{ now | unixEpoch }} => 1700000000",
        "{{ __line__ | lower }} => hello line",
        "{{ if eq .level \"info\" }}I{{ else }}O{{ end }} => I",
        "{{ if ne .level \"info\" }}I{{ else if eq .status \"200\" }}OK{{ else }}O{{ end }} => OK",
        "{{ if and .level (not .missing) }}y{{ end }} => y",
        "{{ or .missing \"fallback\" }} => fallback",
        "{{ if lt .status \"300\" }}2xx{{ end }} => 2xx",
        "{{ printf \"%s=%d %.2f\" .level 3 1.5 }} => info=3 1.50",
        "'a  {{- .level -}}  b' => ainfob",
        "{{/* comment */}}{{ .level }} => info",
        "{{ with .level }}{{ . }}{{ end }} => info",
        "{{ .missing }} => ''",
      })
  void documentedFunctions(String template, String expected) {
    assertThat(run(template)).isEqualTo(expected == null ? "" : expected);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Template.parse("{{ nope .a }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("function \"nope\" not defined");
    assertThatThrownBy(() -> Template.parse("{{ if .a }}x")).hasMessageContaining("EOF");
    assertThatThrownBy(() -> Template.parse("{{ .a ")).hasMessageContaining("unclosed action");
    assertThatThrownBy(() -> run("{{ eq .status 200 }}"))
        .hasMessageContaining("incompatible types for comparison");
    assertThatThrownBy(() -> run("{{ upper 1 }}")).hasMessageContaining("expected string");
    assertThatThrownBy(() -> run("{{ repeat 1 }}"))
        .hasMessageContaining("wrong number of args for repeat");
  }
}
