package io.moraine.rules.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Template expansion, case by case; expected outputs follow Go's text/template and fmt rules and
 * Prometheus 2.42's template functions (several are the cases of Prometheus's template_test.go).
 */
class GoTemplatesTest {
  private static final QueryFunc FAKE =
      (q, t) ->
          switch (q) {
            case "up" ->
                List.of(
                    new QuerySample(Map.of("instance", "b", "__value__", "x"), 0),
                    new QuerySample(Map.of("instance", "a"), 1),
                    new QuerySample(Map.of("instance", "c"), 2.5));
            case "none" -> List.of();
            default -> throw new IllegalArgumentException("bad query " + q);
          };

  static final TemplateData DATA =
      new TemplateData(
          Map.of("instance", "host1.example.com:9090", "job", "node"),
          1234567.0,
          Map.of("cluster", "eu"),
          "https://prom.example.com/prefix",
          1_000_000L,
          FAKE);

  static String expand(String text) {
    return GoTemplates.expand("a", text, DATA);
  }

  static Stream<Arguments> syntax() {
    return Stream.of(
        Arguments.of("plain text", "plain text"),
        Arguments.of("{{ 1 }}", "1"),
        Arguments.of("{{ 1.5 }}", "1.5"),
        Arguments.of("{{ 1e3 }}", "1000"),
        Arguments.of("{{ 1e6 }}", "1e+06"),
        Arguments.of("{{ 'a' }}", "97"),
        Arguments.of("{{ 0x10 }}", "16"),
        Arguments.of("{{ -7 }}", "-7"),
        Arguments.of("{{ true }} {{ false }}", "true false"),
        Arguments.of("{{ \"a\\tb\\u00e9\" }}", "a\tbé"),
        Arguments.of("{{ `raw\\n` }}", "raw\\n"),
        Arguments.of("{{ $value }}", "1.234567e+06"),
        Arguments.of("{{ .Value }}", "1.234567e+06"),
        Arguments.of("{{ $labels.job }}", "node"),
        Arguments.of("{{ .Labels.instance }}", "host1.example.com:9090"),
        Arguments.of("[{{ $labels.missing }}]", "[]"),
        Arguments.of("{{ $externalLabels.cluster }}", "eu"),
        Arguments.of("{{ .ExternalLabels.cluster }}", "eu"),
        Arguments.of("{{ $externalURL }}", "https://prom.example.com/prefix"),
        Arguments.of("{{ .Labels }}", "map[instance:host1.example.com:9090 job:node]"),
        Arguments.of(
            "{{ $ }}",
            "{map[instance:host1.example.com:9090 job:node] map[cluster:eu]"
                + " https://prom.example.com/prefix 1.234567e+06}"),
        Arguments.of("a  {{- 1 -}}  b", "a1b"),
        Arguments.of("a {{1}} b", "a 1 b"),
        Arguments.of("{{/* a comment */}}x", "x"),
        Arguments.of("y \n {{- /* c */ -}} \n x", "yx"),
        Arguments.of("{{ if eq $labels.job \"node\" }}yes{{ else }}no{{ end }}", "yes"),
        Arguments.of("{{ if $labels.missing }}yes{{ else }}no{{ end }}", "no"),
        Arguments.of("{{ if eq 1 2 }}a{{ else if eq 2 2 }}b{{ else }}c{{ end }}", "b"),
        Arguments.of("{{ if 0 }}a{{ else if 0.0 }}b{{ else }}c{{ end }}", "c"),
        Arguments.of("{{ if $labels }}non-empty map{{ end }}", "non-empty map"),
        Arguments.of(
            "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
            "instance=host1.example.com:9090;job=node;"),
        Arguments.of("{{ range $labels }}{{ . }},{{ end }}", "host1.example.com:9090,node,"),
        Arguments.of("{{ range query \"none\" }}x{{ else }}empty{{ end }}", "empty"),
        Arguments.of(
            "{{ range $i, $s := query \"up\" }}{{ if eq $i 1 }}{{ continue }}{{ end }}"
                + "{{ $i }}:{{ $s.Value }};{{ end }}",
            "0:0;2:2.5;"),
        Arguments.of(
            "{{ range $i, $s := query \"up\" }}{{ if eq $i 1 }}{{ break }}{{ end }}{{ $i }}{{ end }}",
            "0"),
        Arguments.of("{{ with $labels.job }}{{ . }}!{{ end }}", "node!"),
        Arguments.of("{{ with $labels.missing }}x{{ else }}empty{{ end }}", "empty"),
        Arguments.of("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2"),
        Arguments.of("{{ $x := 1 }}{{ if true }}{{ $x = 3 }}{{ end }}{{ $x }}", "3"),
        Arguments.of("{{ with $x := $labels.job }}{{ $x }}{{ end }}", "node"),
        Arguments.of(
            "{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" $labels.job }}", "[node]"),
        Arguments.of("{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" }}", "[<no value>]"),
        Arguments.of("{{ block \"b\" 5 }}<{{ . }}>{{ end }}", "<5>"),
        Arguments.of("{{ $labels.job | toUpper }}", "NODE"),
        Arguments.of("{{ \"abc\" | printf \"%s-%s\" \"x\" }}", "x-abc"),
        Arguments.of("{{ (len $labels.job) }}", "4"),
        Arguments.of("{{ (query \"up\" | first).Labels.instance }}", "b"),
        Arguments.of("{{ $labels.job | len | printf \"%03d\" }}", "004"),
        Arguments.of("{{ print nil }}", "<nil>"));
  }

  static Stream<Arguments> builtins() {
    return Stream.of(
        Arguments.of("{{ and 1 0 }}", "0"),
        Arguments.of("{{ and 1 2 }}", "2"),
        Arguments.of("{{ or 0 \"\" \"x\" }}", "x"),
        Arguments.of("{{ or 0 \"\" }}", ""),
        Arguments.of("{{ or 1 (first (query \"none\")) }}", "1"),
        Arguments.of("{{ and 0 (first (query \"none\")) }}", "0"),
        Arguments.of("{{ not 0 }} {{ not \"x\" }}", "true false"),
        Arguments.of("{{ len \"héllo\" }}", "6"),
        Arguments.of("{{ len $labels }}", "2"),
        Arguments.of("{{ len (query \"up\") }}", "3"),
        Arguments.of("{{ index $labels \"job\" }}", "node"),
        Arguments.of("[{{ index $labels \"nope\" }}]", "[]"),
        Arguments.of("{{ (index (query \"up\") 2).Value }}", "2.5"),
        Arguments.of("{{ slice \"abcdef\" 1 3 }}", "bc"),
        Arguments.of("{{ slice \"abcdef\" 2 }}", "cdef"),
        Arguments.of("{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3"),
        Arguments.of("{{ println 1 \"a\" }}", "1 a\n"),
        Arguments.of(
            "{{ printf \"%d|%5.2f|%-4s|%q|%x|%e|%g|%v\" 42 3.14159 \"ab\" \"q\" 255 1234.5678"
                + " 0.000012345 true }}",
            "42| 3.14|ab  |\"q\"|ff|1.234568e+03|1.2345e-05|true"),
        Arguments.of("{{ printf \"%s\" 1 }}", "%!s(int=1)"),
        Arguments.of("{{ printf \"%d\" 1.5 }}", "%!d(float64=1.5)"),
        Arguments.of("{{ printf \"%d\" }}", "%!d(MISSING)"),
        Arguments.of("{{ printf \"x\" 1 }}", "x%!(EXTRA int=1)"),
        Arguments.of("{{ printf \"%05d|%+d|%x|%X\" -42 5 \"hi\" 255 }}", "-0042|+5|6869|FF"),
        Arguments.of(
            "{{ printf \"%.3s|%6s|%-6s|\" \"abcdef\" \"ab\" \"ab\" }}", "abc|    ab|ab    |"),
        Arguments.of("{{ printf \"%.0f %.0f %.1f\" 2.5 3.5 0.25 }}", "2 4 0.2"),
        Arguments.of("{{ printf \"%v %v %v\" 1e21 100000.0 0.0001 }}", "1e+21 100000 0.0001"),
        Arguments.of("{{ printf \"%.2f\" $value }}", "1234567.00"),
        Arguments.of("{{ printf \"%.3g|%g|%G\" 12345.0 1e-7 1e-7 }}", "1.23e+04|1e-07|1E-07"),
        Arguments.of(
            "{{ printf \"%8.3f|%-8.1f|%08.3f\" 3.14159 2.0 -3.14159 }}",
            "   3.142|2.0     |-003.142"),
        Arguments.of(
            "{{ printf \"%v|%s\" $labels.job $labels }}",
            "node|map[instance:host1.example.com:9090 job:node]"),
        Arguments.of("{{ printf \"%c%c|%q\" 72 105 'x' }}", "Hi|'x'"),
        Arguments.of("{{ printf \"%t %v\" true nil }}", "true <nil>"),
        Arguments.of("{{ printf \"100%%\" }}", "100%"),
        Arguments.of("{{ html \"<a href='x'>&\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;"),
        Arguments.of("{{ js \"a'b<\\\"\" }}", "a\\'b\\u003C\\\""),
        Arguments.of("{{ urlquery \"a b&c/é\" }}", "a+b%26c%2F%C3%A9"),
        Arguments.of(
            "{{ lt 1 2 }} {{ gt 1.5 1.2 }} {{ le \"a\" \"b\" }} {{ ge 2 2 }}",
            "true true true true"),
        Arguments.of("{{ ne 1 2 }} {{ eq 1 2 3 1 }} {{ eq \"a\" \"b\" }}", "true true false"),
        Arguments.of("{{ eq $labels.job \"node\" }} {{ eq $value 1234567.0 }}", "true true"),
        Arguments.of("{{ lt 2 1 }} {{ gt \"a\" \"b\" }}", "false false"));
  }

  static Stream<Arguments> prometheus() {
    return Stream.of(
        Arguments.of("{{ humanize 1234567 }}", "1.235M"),
        Arguments.of("{{ humanize $value }}", "1.235M"),
        Arguments.of("{{ humanize 0 }}:{{ humanize 1 }}:{{ humanize 0.12 }}", "0:1:120m"),
        Arguments.of("{{ humanize 0.0012 }}", "1.2m"),
        Arguments.of("{{ humanize \"1000\" }}", "1k"),
        Arguments.of("{{ humanize -1234567 }}", "-1.235M"),
        Arguments.of("{{ humanize 1e30 }}", "1e+06Y"),
        Arguments.of("{{ humanize1024 1048576 }}", "1Mi"),
        Arguments.of("{{ humanize1024 0 }}:{{ humanize1024 1 }}", "0:1"),
        Arguments.of("{{ humanize1024 1024 }}:{{ humanize1024 1125899906842624 }}", "1ki:1Pi"),
        Arguments.of("{{ humanize1024 1.5e9 }}", "1.397Gi"),
        Arguments.of("{{ humanizeDuration 90061 }}", "1d 1h 1m 1s"),
        Arguments.of("{{ humanizeDuration 60 }}:{{ humanizeDuration 3600 }}", "1m 0s:1h 0m 0s"),
        Arguments.of("{{ humanizeDuration 86400 }}", "1d 0h 0m 0s"),
        Arguments.of("{{ humanizeDuration 1.234567 }}", "1.235s"),
        Arguments.of("{{ humanizeDuration 0.123456 }}", "123.5ms"),
        Arguments.of("{{ humanizeDuration 0.0012 }}", "1.2ms"),
        Arguments.of("{{ humanizeDuration 0 }}", "0s"),
        Arguments.of("{{ humanizeDuration -3700 }}", "-1h 1m 40s"),
        Arguments.of("{{ humanizeDuration \"59.5\" }}", "59.5s"),
        Arguments.of("{{ humanizePercentage 0.1234 }}", "12.34%"),
        Arguments.of("{{ humanizePercentage 1 }}", "100%"),
        Arguments.of("{{ humanizeTimestamp 1435065584.128 }}", "2015-06-23 13:19:44.128 +0000 UTC"),
        Arguments.of("{{ humanizeTimestamp 0 }}", "1970-01-01 00:00:00 +0000 UTC"),
        Arguments.of("{{ toTime 1435065584 }}", "2015-06-23 13:19:44 +0000 UTC"),
        Arguments.of("{{ (toTime 1435065584.5).Unix }}", "1435065584"),
        Arguments.of("{{ title \"aa bb-cc_dd\" }}", "Aa Bb-Cc_dd"),
        Arguments.of("{{ toUpper \"aBc\" }}{{ toLower \"AbC\" }}", "ABCabc"),
        Arguments.of("{{ match \"^h.*:9090$\" $labels.instance }}", "true"),
        Arguments.of("{{ match \"x\" \"abc\" }}", "false"),
        Arguments.of("{{ reReplaceAll \"(a*)bc\" \"x$1\" \"aabc\" }}", "xaa"),
        Arguments.of("{{ reReplaceAll \"a(?P<n>b)\" \"${n}_$1x|$$\" \"ab\" }}", "b_|$"),
        Arguments.of("{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}", "-b-c-"),
        Arguments.of("{{ reReplaceAll \":[0-9]+$\" \"\" $labels.instance }}", "host1.example.com"),
        Arguments.of("{{ \"<b>\" | safeHtml }}", "<b>"),
        Arguments.of(
            "{{ stripPort \"host:9090\" }}|{{ stripPort \"[::1]:80\" }}|{{ stripPort \"h\" }}",
            "host|::1|h"),
        Arguments.of(
            "{{ stripDomain \"foo.example.com:9090\" }}|{{ stripDomain \"192.168.0.1:80\" }}"
                + "|{{ stripDomain \"foo.bar\" }}",
            "foo:9090|192.168.0.1:80|foo"),
        Arguments.of("{{ graphLink \"up == 0\" }}", "/graph?g0.expr=up+%3D%3D+0&g0.tab=0"),
        Arguments.of("{{ tableLink \"up\" }}", "/graph?g0.expr=up&g0.tab=1"),
        Arguments.of("{{ with args 1 \"a\" }}{{ .arg0 }}-{{ .arg1 }}{{ end }}", "1-a"),
        Arguments.of(
            "{{ externalURL }}|{{ pathPrefix }}", "https://prom.example.com/prefix|/prefix"),
        Arguments.of("{{ parseDuration \"1h30m\" }} {{ parseDuration \"1ms\" }}", "5400 0.001"),
        Arguments.of(
            "{{ range query \"up\" }}{{ .Labels.instance }}={{ .Value }} {{ end }}",
            "b=0 a=1 c=2.5 "),
        Arguments.of("{{ query \"up\" | first | value }}", "0"),
        Arguments.of("{{ with query \"up\" }}{{ . | first | label \"instance\" }}{{ end }}", "b"),
        Arguments.of("{{ query \"up\" | first | strvalue }}", "x"),
        Arguments.of(
            "{{ range sortByLabel \"instance\" (query \"up\") }}{{ label \"instance\" . }}{{ end }}",
            "abc"),
        Arguments.of("{{ query \"up\" | first }}", "{map[__value__:x instance:b] 0}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"syntax", "builtins", "prometheus"})
  void expands(String text, String expected) {
    assertThat(expand(text)).isEqualTo(expected);
  }

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        Arguments.of("{{ foo }}", "template: __alert_a:1: function \"foo\" not defined"),
        Arguments.of("{{ 1 ", "template: __alert_a:1: unclosed action"),
        Arguments.of("line1\n{{ end }}", "template: __alert_a:2: unexpected {{end}}"),
        Arguments.of("{{ if 1 }}x", "template: __alert_a:1: unexpected EOF"),
        Arguments.of("{{ $nope }}", "template: __alert_a:1: undefined variable \"$nope\""),
        Arguments.of(
            "{{ 1 | 2 }}", "template: __alert_a:1: non executable command in pipeline stage 2"),
        Arguments.of("{{ \" }}", "template: __alert_a:1: unterminated quoted string"),
        Arguments.of("a\nb\n{{ break }}", "template: __alert_a:3: {{break}} outside {{range}}"),
        Arguments.of("{{ }}", "template: __alert_a:1: missing value for command"),
        Arguments.of("{{ ) }}", "template: __alert_a:1: unexpected right paren U+0029 ')'"),
        Arguments.of("{{ (1 }}", "template: __alert_a:1: unclosed left paren"),
        Arguments.of("{{ /* x */ }}", "template: __alert_a:1: unexpected \"/\" in command"),
        Arguments.of(
            "{{/* x */ 1 }}", "template: __alert_a:1: comment ends before closing delimiter"),
        Arguments.of("{{/* x ", "template: __alert_a:1: unclosed comment"),
        Arguments.of("{{ 1.x }}", "template: __alert_a:1: bad number syntax: \"1.x\""),
        Arguments.of("{{ else }}", "template: __alert_a:1: unexpected {{else}}"),
        Arguments.of(
            "{{ \u00a0}}", "template: __alert_a:1: unrecognized character in action: U+00A0"),
        Arguments.of(
            "{{ .Labels.job.\"x\" }}", "template: __alert_a:1: unexpected \".\" in operand"),
        Arguments.of(
            "{{ range $a, $b, $c := . }}{{ end }}",
            "template: __alert_a:1: too many declarations in range"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void parseErrorsReadAsGo(String text, String message) {
    assertThat(expand(text))
        .isEqualTo("<error expanding template: error parsing template __alert_a: " + message + ">");
    assertThatThrownBy(() -> GoTemplates.check("a", text))
        .isInstanceOf(TemplateException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> execErrors() {
    int p = GoTemplates.PREFIX.length();
    return Stream.of(
        Arguments.of(
            "{{ query \"none\" | first }}",
            "1:"
                + (p + 18)
                + ": executing \"__alert_a\" at <first>: error calling first:"
                + " first() called on vector with no elements"),
        Arguments.of(
            "{{ humanize \"one\" }}",
            "1:"
                + (p + 3)
                + ": executing \"__alert_a\" at <humanize \"one\">: error calling"
                + " humanize: strconv.ParseFloat: parsing \"one\": invalid syntax"),
        Arguments.of(
            "x\n  {{ $labels.job.foo }}",
            "2:5: executing \"__alert_a\" at <$labels.job.foo>: can't evaluate field foo in type"
                + " string"),
        Arguments.of(
            "{{ toUpper 1 }}",
            "1:" + (p + 11) + ": executing \"__alert_a\" at <1>: expected string; found 1"),
        Arguments.of(
            "{{ toUpper $value }}",
            "1:"
                + (p + 11)
                + ": executing \"__alert_a\" at <$value>: wrong type for value;"
                + " expected string; got float64"),
        Arguments.of(
            "{{ template \"nope\" }}",
            "1:"
                + (p + 12)
                + ": executing \"__alert_a\" at <{{template \"nope\"}}>: template"
                + " \"nope\" not defined"),
        Arguments.of(
            "{{ index $labels 1 }}",
            "1:"
                + (p + 3)
                + ": executing \"__alert_a\" at <index $labels 1>: error calling"
                + " index: value has type int; should be string"),
        Arguments.of(
            "{{ lt 1 1.5 }}",
            "1:"
                + (p + 3)
                + ": executing \"__alert_a\" at <lt 1 1.5>: error calling lt:"
                + " incompatible types for comparison"),
        Arguments.of(
            "{{ range 5 }}{{ end }}",
            "1:" + (p + 9) + ": executing \"__alert_a\" at <5>: range can't iterate over 5"),
        Arguments.of(
            "{{ reReplaceAll \"(\" \"\" \"x\" }}",
            "1:"
                + (p + 3)
                + ": executing \"__alert_a\" at <reReplaceAll \"(\" \"\" ...>: error"
                + " calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: "),
        Arguments.of(
            "{{ query \"bad\" }}",
            "1:"
                + (p + 3)
                + ": executing \"__alert_a\" at <query \"bad\">: error calling query:"
                + " bad query bad"),
        Arguments.of(
            "{{ $labels.job 1 }}",
            "1:"
                + (p + 3)
                + ": executing \"__alert_a\" at <$labels.job>: job is not a method"
                + " but has arguments"),
        Arguments.of(
            "{{ define \"t\" }}{{ .x.y }}{{ end }}{{ template \"t\" 1 }}",
            "1:" + (p + 19) + ": executing \"t\" at <.x.y>: can't evaluate field x in type int"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("execErrors")
  void execErrorsReadAsGo(String text, String message) {
    String expectedStart =
        "<error expanding template: error executing template __alert_a: template: __alert_a:"
            + message;
    assertThat(expand(text)).startsWith(expectedStart).endsWith(">");
  }

  @Test
  void checkAcceptsValidTemplatesWithoutRunningThem() throws TemplateException {
    GoTemplates.check("a", "{{ $labels.job }} {{ query \"would fail\" | first | value }}");
    GoTemplates.check("__alert_b", "{{ humanize $value }}");
  }

  @Test
  void templateNameAlreadyPrefixedIsKept() {
    assertThat(GoTemplates.expand("__alert_x", "{{ foo }}", DATA))
        .contains("error parsing template __alert_x: template: __alert_x:1:");
  }

  @Test
  void parsedTemplatesAreCachedAndShareNoStateBetweenRuns() {
    String text = "{{ $x := $labels.job }}{{ $x }}";
    TemplateData other =
        new TemplateData(Map.of("job", "api"), 1, Map.of(), "http://x", 0, QueryFunc.NONE);
    for (int i = 0; i < 3; i++) {
      assertThat(GoTemplates.expand("c", text, DATA)).isEqualTo("node");
      assertThat(GoTemplates.expand("c", text, other)).isEqualTo("api");
    }
  }

  @Test
  void queryWithoutAStoreFailsClearly() {
    TemplateData none = new TemplateData(Map.of(), 1, Map.of(), "http://x", 0, QueryFunc.NONE);
    assertThat(GoTemplates.expand("a", "{{ query \"up\" }}", none))
        .endsWith("error calling query: query is not available here>");
  }

  @Test
  void deepTemplateRecursionFailsInsteadOfOverflowing() {
    String text = "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" 1 }}";
    assertThat(expand(text)).contains("exceeded maximum template depth (1000)");
  }
}
