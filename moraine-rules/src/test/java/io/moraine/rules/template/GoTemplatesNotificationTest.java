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
 * Notification templates: Alertmanager 0.25's {@code template.Data} fields, the KV, Alerts and
 * Pairs methods, its functions and named defaults; outputs follow Go's text/template.
 */
class GoTemplatesNotificationTest {
  static final NotificationData.Alert FIRING =
      new NotificationData.Alert(
          "firing",
          Map.of("alertname", "HighLoad", "job", "node", "instance", "a:9100", "zone", "eu"),
          Map.of("summary", "load is high", "runbook", "http://rb/1"),
          1_700_000_000_000L,
          0,
          "http://prom/graph?g0.expr=up",
          "0123456789abcdef");
  static final NotificationData.Alert RESOLVED =
      new NotificationData.Alert(
          "resolved",
          Map.of("alertname", "HighLoad", "job", "node", "instance", "b:9100"),
          Map.of("summary", "load is high"),
          1_700_000_000_000L,
          1_700_000_060_500L,
          "http://prom/graph?g0.expr=down",
          "fedcba9876543210");
  static final NotificationData DATA =
      new NotificationData(
          "team\\-x",
          "firing",
          List.of(FIRING, RESOLVED),
          Map.of("alertname", "HighLoad"),
          Map.of("alertname", "HighLoad", "job", "node"),
          Map.of("summary", "load is high"),
          "http://am.example:9093");

  static String expand(String text) throws TemplateException {
    return GoTemplates.expandNotification("t", text, DATA);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("{{ .Receiver }}", "team\\-x"),
        Arguments.of("{{ .Status }}", "firing"),
        Arguments.of("{{ .ExternalURL }}", "http://am.example:9093"),
        Arguments.of("{{ len .Alerts }}", "2"),
        Arguments.of("{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }}", "1/1"),
        Arguments.of("{{ range .Alerts.Resolved }}{{ .Labels.instance }}{{ end }}", "b:9100"),
        Arguments.of("{{ (index .Alerts 0).Fingerprint }}", "0123456789abcdef"),
        Arguments.of("{{ range .Alerts }}{{ .Status }} {{ end }}", "firing resolved "),
        Arguments.of(
            "{{ range .Alerts }}{{ .GeneratorURL }};{{ end }}",
            "http://prom/graph?g0.expr=up;http://prom/graph?g0.expr=down;"),
        Arguments.of("{{ (index .Alerts 1).StartsAt }}", "2023-11-14 22:13:20 +0000 UTC"),
        Arguments.of("{{ (index .Alerts 1).EndsAt }}", "2023-11-14 22:14:20.5 +0000 UTC"),
        Arguments.of("{{ (index .Alerts 0).EndsAt }}", "0001-01-01 00:00:00 +0000 UTC"),
        Arguments.of("{{ (index .Alerts 1).EndsAt.Unix }}", "1700000060"),
        Arguments.of("{{ (index .Alerts 0).Annotations.runbook }}", "http://rb/1"),
        Arguments.of("{{ .GroupLabels.alertname }}", "HighLoad"),
        Arguments.of("{{ .CommonLabels.job }}|{{ .CommonLabels.missing }}|", "node||"),
        Arguments.of("{{ .CommonAnnotations.summary }}", "load is high"),
        Arguments.of(
            "{{ range (index .Alerts 0).Labels.SortedPairs }}{{ .Name }}={{ .Value }},{{ end }}",
            "alertname=HighLoad,instance=a:9100,job=node,zone=eu,"),
        Arguments.of("{{ (index .Alerts 0).Labels.Names }}", "[alertname instance job zone]"),
        Arguments.of("{{ (index .Alerts 0).Labels.Values }}", "[HighLoad a:9100 node eu]"),
        Arguments.of("{{ .CommonLabels.SortedPairs.Names }}", "[alertname job]"),
        Arguments.of("{{ .CommonLabels.SortedPairs.Values }}", "[HighLoad node]"),
        Arguments.of("{{ .CommonLabels.Remove .GroupLabels.Names }}", "map[job:node]"),
        Arguments.of(
            "{{ ((index .Alerts 0).Labels.Remove (stringSlice \"zone\" \"job\")).Names }}",
            "[alertname instance]"),
        Arguments.of(
            "{{ range $k, $v := .CommonLabels }}{{ $k }}:{{ $v }} {{ end }}",
            "alertname:HighLoad job:node "),
        Arguments.of("{{ .Status | toUpper }}", "FIRING"),
        Arguments.of("{{ toLower \"MiXed\" }}", "mixed"),
        Arguments.of("{{ title \"hello wide world\" }}", "Hello Wide World"),
        Arguments.of("{{ join \", \" .CommonLabels.Values }}", "HighLoad, node"),
        Arguments.of("{{ stringSlice \"a\" \"b\" | join \"-\" }}", "a-b"),
        Arguments.of("{{ len (stringSlice) }}", "0"),
        Arguments.of("{{ match \"^High\" .CommonLabels.alertname }}", "true"),
        Arguments.of("{{ match \"^Low\" .CommonLabels.alertname }}", "false"),
        Arguments.of("{{ reReplaceAll \"(a+)\" \"<$1>\" \"baaad\" }}", "b<aaa>d"),
        Arguments.of("{{ safeHtml \"<b>\" }}", "<b>"),
        Arguments.of("{{ printf \"%d alerts\" (len .Alerts) }}", "2 alerts"),
        Arguments.of("{{ if eq .Status \"firing\" }}F{{ else }}R{{ end }}", "F"),
        Arguments.of(
            "{{ define \"x\" }}[{{ .Status }}]{{ end }}{{ template \"x\" . }}", "[firing]"),
        Arguments.of("{{ template \"__subject\" . }}", "[FIRING:1] HighLoad (node)"),
        Arguments.of("{{ template \"slack.default.title\" . }}", "[FIRING:1] HighLoad (node)"),
        Arguments.of("{{ template \"email.default.subject\" . }}", "[FIRING:1] HighLoad (node)"),
        Arguments.of(
            "{{ template \"pagerduty.default.description\" . }}", "[FIRING:1] HighLoad (node)"),
        Arguments.of("{{ template \"slack.default.text\" . }}", ""),
        Arguments.of(
            "{{ template \"__alertmanagerURL\" . }}",
            "http://am.example:9093/#/alerts?receiver=team%5C-x"),
        Arguments.of(
            "{{ template \"__text_alert_list\" .Alerts.Resolved }}",
            "Labels:\n - alertname = HighLoad\n - instance = b:9100\n - job = node\n"
                + "Annotations:\n - summary = load is high\n"
                + "Source: http://prom/graph?g0.expr=down\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expands(String text, String want) throws TemplateException {
    assertThat(expand(text)).isEqualTo(want);
  }

  @Test
  void subjectOfResolvedGroupWithoutExtraCommonLabels() throws TemplateException {
    NotificationData d =
        new NotificationData(
            "r",
            "resolved",
            List.of(RESOLVED),
            Map.of("job", "node"),
            Map.of("job", "node"),
            Map.of(),
            "http://am");
    assertThat(GoTemplates.expandNotification("t", "{{ template \"__subject\" . }}", d))
        .isEqualTo("[RESOLVED] node ");
  }

  @Test
  void userDefinitionOverridesADefault() throws TemplateException {
    assertThat(
            expand(
                "{{ define \"__subject\" }}mine{{ end }}{{ template \"slack.default.title\" . }}"))
        .isEqualTo("mine");
  }

  @Test
  void parseErrorsNameLineAndColumn() {
    assertThatThrownBy(
            () -> GoTemplates.checkNotification("slack.title", "ok\n{{ .Status | nope }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: slack.title:2: function \"nope\" not defined");
    assertThatThrownBy(() -> GoTemplates.checkNotification("x", "{{ if .Status }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("template: x:1: unexpected EOF");
  }

  @Test
  void promOnlyFunctionsAreNotDefined() {
    assertThatThrownBy(() -> GoTemplates.checkNotification("x", "{{ humanize 1 }}"))
        .hasMessage("template: x:1: function \"humanize\" not defined");
  }

  @Test
  void executionErrorsFail() {
    assertThatThrownBy(() -> expand("{{ .Nope }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("can't evaluate field Nope in type *template.Data");
    assertThatThrownBy(() -> expand("{{ template \"nope\" . }}"))
        .hasMessageContaining("template \"nope\" not defined");
    assertThatThrownBy(() -> expand("{{ join \",\" \"notaslice\" }}"))
        .hasMessageContaining("can't handle \"notaslice\" for arg of type []string");
  }

  @Test
  void checkAcceptsValidTemplatesAndCaches() throws TemplateException {
    GoTemplates.checkNotification("ok", "{{ range .Alerts.Firing }}{{ .Labels.job }}{{ end }}");
    GoTemplates.checkNotification("ok", "{{ range .Alerts.Firing }}{{ .Labels.job }}{{ end }}");
  }
}
