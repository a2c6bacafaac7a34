package io.moraine.logs.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.logs.logql.ast.JsonParser;
import io.moraine.logs.logql.ast.LabelExtraction;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.PatternParser;
import io.moraine.logs.logql.ast.RegexpParser;
import io.moraine.logs.logql.ast.UnpackParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loki's documented parser examples (log_queries docs) and edge cases. */
class ParserStagesTest {
  private static final String DOC_JSON =
      "{\"protocol\": \"HTTP/2.0\", \"servers\": [\"129.0.1.1\",\"10.2.1.3\"], \"request\": {\"time\":"
          + " \"6.032\", \"method\": \"GET\", \"host\": \"foo.grafana.net\", \"size\": \"55\","
          + " \"headers\": {\"Accept\": \"*/*\", \"User-Agent\": \"curl/7.68.0\"}}, \"response\":"
          + " {\"status\": 401, \"size\": \"228\", \"latency_seconds\": \"6.031\"}}";

  private static Map<String, String> labels(String line, io.moraine.logs.logql.ast.Stage s) {
    Run r = Run.kept(line, s);
    return r.labels().toMap();
  }

  @Test
  void jsonFlattensTheDocumentedExample() {
    assertThat(labels(DOC_JSON, new JsonParser(List.of())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("app", "web"),
                Map.entry("protocol", "HTTP/2.0"),
                Map.entry("request_time", "6.032"),
                Map.entry("request_method", "GET"),
                Map.entry("request_host", "foo.grafana.net"),
                Map.entry("request_size", "55"),
                Map.entry("response_status", "401"),
                Map.entry("response_size", "228"),
                Map.entry("response_latency_seconds", "6.031"),
                Map.entry("request_headers_Accept", "*/*"),
                Map.entry("request_headers_User_Agent", "curl/7.68.0")));
  }

  @Test
  void jsonParametersFromTheDocs() {
    JsonParser p =
        new JsonParser(
            List.of(
                new LabelExtraction("first_server", "servers[0]"),
                new LabelExtraction("ua", "request.headers[\"User-Agent\"]"),
                new LabelExtraction("server_list", "servers"),
                new LabelExtraction("headers", "request.headers"),
                new LabelExtraction("status", "response.status"),
                new LabelExtraction("missing", "nope.nope")));
    Map<String, String> l = labels(DOC_JSON, p);
    assertThat(l)
        .containsEntry("first_server", "129.0.1.1")
        .containsEntry("ua", "curl/7.68.0")
        .containsEntry("server_list", "[\"129.0.1.1\",\"10.2.1.3\"]")
        .containsEntry("headers", "{\"Accept\": \"*/*\", \"User-Agent\": \"curl/7.68.0\"}")
        .containsEntry("status", "401")
        .doesNotContainKey("missing")
        .doesNotContainKey("protocol");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // line | expected labels (k=v;k=v) besides app
        "{\"a\":1.50,\"b\":true,\"c\":null,\"d\":[1,2]}|a=1.50;b=true",
        "{\"a b\":\"x\",\"1st\":\"y\",\"n\":{\"2x\":\"z\"}}|a_b=x;_1st=y;n_2x=z",
        "{\"app\":\"clash\",\"s\":\"q\\\"u\\u00e9\"}|app_extracted=clash;s=q\"u\u00e9",
        "{\"a\":{\"b\":{\"c\":\"deep\"}},\"e\":{}}|a_b_c=deep",
        "{\"dup\":\"1\",\"dup\":\"2\"}|dup=2",
      })
  void jsonEdgeCases(String line, String expected) {
    Map<String, String> want = new java.util.HashMap<>(Map.of("app", "web"));
    for (String kv : expected.split(";")) {
      String[] p = kv.split("=", 2);
      want.put(p[0], p[1]);
    }
    assertThat(labels(line, new JsonParser(List.of()))).isEqualTo(want);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"{\"a\":\"x\",", "not json", "[1,2]", "{\"a\" 1}"})
  void badJsonSetsTheErrorAndKeepsTheEntry(String line) {
    Map<String, String> l = labels(line, new JsonParser(List.of()));
    assertThat(l).containsEntry("__error__", "JSONParserErr").containsKey("__error_details__");
  }

  @Test
  void badJsonKeepsLabelsFoundBeforeTheError() {
    assertThat(labels("{\"a\":\"x\", \"b\": ", new JsonParser(List.of())))
        .containsEntry("a", "x")
        .containsEntry("__error__", "JSONParserErr");
  }

  @Test
  void logfmtDocumentedExample() {
    String line =
        "at=info method=GET path=/ host=grafana.net fwd=\"124.133.124.161\" service=8ms status=200";
    assertThat(labels(line, new LogfmtParser(false, false, List.of())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app",
                "web",
                "at",
                "info",
                "method",
                "GET",
                "path",
                "/",
                "host",
                "grafana.net",
                "fwd",
                "124.133.124.161",
                "service",
                "8ms",
                "status",
                "200"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // line | strict | expected (k=v;...) | error
        "a=1 b=\"x y\" c= d|false|a=1;b=x y|",
        "a=\"es\\\"c\" app=z 1k=v|false|a=es\"c;app_extracted=z;_1k=v|",
        "a=1 =2 b=3|false|a=1;b=3|",
        "a=1 =2 b=3|true|a=1|logfmt syntax error at pos 5 : unexpected '='",
        "a=1 b=\"open|true|a=1|logfmt syntax error at pos 12 : unterminated quoted value",
        "k.e-y=v|false|k_e_y=v|",
      })
  void logfmtTable(String line, boolean strict, String expected, String error) {
    Map<String, String> l = labels(line, new LogfmtParser(strict, false, List.of()));
    Map<String, String> want = new java.util.HashMap<>(Map.of("app", "web"));
    for (String kv : expected.split(";")) {
      String[] p = kv.split("=", 2);
      want.put(p[0], p[1]);
    }
    if (error != null) {
      want.put("__error__", "LogfmtParserErr");
      want.put("__error_details__", error);
    }
    assertThat(l).isEqualTo(want);
  }

  @Test
  void logfmtParameters() {
    LogfmtParser p =
        new LogfmtParser(
            false,
            false,
            List.of(new LabelExtraction("m", "method"), new LabelExtraction("at", "at")));
    assertThat(labels("at=info method=GET path=/", p))
        .containsEntry("m", "GET")
        .containsEntry("at", "info")
        .doesNotContainKey("path");
  }

  @Test
  void regexpDocumentedExample() {
    String re = "(?P<method>\\w+) (?P<path>[\\w|/]+) \\((?P<status>\\d+?)\\) (?P<duration>.*)";
    assertThat(labels("POST /api/prom/api/v1/query_range (200) 1.5s", new RegexpParser(re)))
        .containsEntry("method", "POST")
        .containsEntry("path", "/api/prom/api/v1/query_range")
        .containsEntry("status", "200")
        .containsEntry("duration", "1.5s");
    assertThat(labels("x=1", new RegexpParser("(?P<user_id>y)"))).doesNotContainKey("user_id");
    assertThat(labels("id=7", new RegexpParser("id=(?P<user_id>\\d)")))
        .containsEntry("user_id", "7");
    assertThatThrownBy(() -> Pipelines.compile(List.of(new RegexpParser("(a)"))))
        .hasMessageContaining("at least one named capture must be supplied");
    assertThatThrownBy(() -> Pipelines.compile(List.of(new RegexpParser("(?P<a>x)(?P<a>y)"))))
        .hasMessageContaining("duplicate extracted label name 'a'");
  }

  @Test
  void patternDocumentedExample() {
    String line =
        "0.191.12.2 - - [10/Jun/2021:09:14:29 +0000] \"GET /api/plugins/versioncheck HTTP/1.1\" 200 2"
            + " \"-\" \"Go-http-client/2.0\" \"13.76.247.102, 34.120.177.193\" \"TLSv1.2\" \"US\" \"\"";
    String pattern = "<ip> - - <_> \"<method> <uri> <_>\" <status> <size> <_> \"<agent>\" <_>";
    assertThat(labels(line, new PatternParser(pattern)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app",
                "web",
                "ip",
                "0.191.12.2",
                "method",
                "GET",
                "uri",
                "/api/plugins/versioncheck",
                "status",
                "200",
                "size",
                "2",
                "agent",
                "Go-http-client/2.0"));
  }

  @Test
  void patternStopsWhereTheLineEnds() {
    assertThat(labels("a b", new PatternParser("<x> <y> <z>")))
        .containsEntry("x", "a")
        .containsEntry("y", "b")
        .doesNotContainKey("z");
    assertThat(labels("zzz", new PatternParser("start <x>"))).doesNotContainKey("x");
    assertThatThrownBy(() -> Pipelines.compile(List.of(new PatternParser("<_> x"))))
        .hasMessageContaining("at least one capture is required");
  }

  @Test
  void unpackDocumentedExample() {
    Run r =
        Run.kept(
            Labels.of("container", "c1"),
            "{\"container\":\"myapp\",\"pod\":\"pod-3223f\",\"n\":3,\"_entry\":\"original log message\"}",
            new UnpackParser());
    assertThat(r.line()).isEqualTo("original log message");
    assertThat(r.labels().toMap())
        .isEqualTo(Map.of("container", "c1", "container_extracted", "myapp", "pod", "pod-3223f"));
    Run bad = Run.kept("plain", new UnpackParser());
    assertThat(bad.labels().get("__error__")).isEqualTo("JSONParserErr");
  }
}
