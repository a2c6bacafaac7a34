package io.moraine.rules.template;

import io.moraine.rules.template.Func.Param;
import io.moraine.rules.template.Parser.Parsed;
import io.moraine.rules.template.Values.GoList;
import io.moraine.rules.template.Values.Html;
import io.moraine.rules.template.Values.ListKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Alertmanager 0.25's notification templates: Go's text/template with {@code missingkey=zero},
 * Alertmanager's functions and its named default templates (written here to give the same text as
 * the receivers' built-in defaults). Parsed templates are cached. Thread-safe.
 */
final class NotifyTemplates {
  private NotifyTemplates() {}

  static final Map<String, Func> FUNCS = functions();

  /** Alertmanager's names that the receivers' defaults correspond to. */
  private static final String DEFAULTS =
      define("__alertmanager", "Alertmanager")
          + define(
              "__alertmanagerURL", "{{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}")
          + define(
              "__subject",
              "{{ $rest := .CommonLabels.Remove .GroupLabels.Names }}"
                  + "[{{ toUpper .Status }}{{ if eq .Status \"firing\" }}:{{ len .Alerts.Firing }}"
                  + "{{ end }}] {{ join \" \" .GroupLabels.SortedPairs.Values }} "
                  + "{{ if gt (len .CommonLabels) (len .GroupLabels) }}"
                  + "({{ join \" \" $rest.Values }}){{ end }}")
          + define("__description", "")
          + define(
              "__text_alert_list",
              "{{ range . }}Labels:\n"
                  + "{{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}\n{{ end }}"
                  + "Annotations:\n"
                  + "{{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}\n{{ end }}"
                  + "Source: {{ .GeneratorURL }}\n{{ end }}")
          + define("slack.default.title", "{{ template \"__subject\" . }}")
          + define("slack.default.username", "{{ template \"__alertmanager\" . }}")
          + define(
              "slack.default.fallback",
              "{{ template \"slack.default.title\" . }} | {{ template \"slack.default.titlelink\" . }}")
          + define("slack.default.titlelink", "{{ template \"__alertmanagerURL\" . }}")
          + define("slack.default.text", "")
          + define("slack.default.pretext", "")
          + define("slack.default.footer", "")
          + define("slack.default.iconemoji", "")
          + define("slack.default.iconurl", "")
          + define("slack.default.callbackid", "")
          + define("pagerduty.default.description", "{{ template \"__subject\" . }}")
          + define("pagerduty.default.client", "{{ template \"__alertmanager\" . }}")
          + define("pagerduty.default.clientURL", "{{ template \"__alertmanagerURL\" . }}")
          + define("pagerduty.default.instances", "{{ template \"__text_alert_list\" . }}")
          + define("email.default.subject", "{{ template \"__subject\" . }}");

  private static final Map<String, Node.ListNode> DEFAULT_TREES = defaultTrees();

  private static final ParseCache CACHE = new ParseCache(NotifyTemplates::parseWithDefaults);

  private static String define(String name, String body) {
    return "{{ define \"" + name + "\" }}" + body + "{{ end }}";
  }

  private static Map<String, Func> functions() {
    Map<String, Func> m = new HashMap<>();
    for (Func f : Builtins.all()) {
      m.put(f.name(), f);
    }
    for (Func f : PromFuncs.all()) {
      switch (f.name()) {
        case "toUpper", "toLower", "title", "match", "reReplaceAll" -> m.put(f.name(), f);
        default -> {}
      }
    }
    m.put("safeHtml", Func.of("safeHtml", (a, e) -> new Html(a.string(0)), Param.STRING));
    m.put(
        "join",
        Func.of("join", (a, e) -> join(a.string(0), a.get(1)), Param.STRING, Param.STRINGS));
    m.put("stringSlice", Func.variadic("stringSlice", (a, e) -> stringSlice(a), Param.STRING));
    return Map.copyOf(m);
  }

  private static String join(String sep, @Nullable Object list) {
    if (list == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Object o : ((GoList) list).items()) {
      parts.add(String.valueOf(o));
    }
    return String.join(sep, parts);
  }

  private static GoList stringSlice(Args a) {
    List<@Nullable Object> out = new ArrayList<>(a.list());
    return new GoList(out, ListKind.STRINGS);
  }

  private static Map<String, Node.ListNode> defaultTrees() {
    Parsed p = Parser.parse("__defaults", DEFAULTS, FUNCS.keySet());
    Map<String, Node.ListNode> m = new HashMap<>(p.templates());
    m.remove("__defaults");
    return Map.copyOf(m);
  }

  /** Parses (or finds cached) {@code text} as template {@code name} with the defaults defined. */
  static Parsed parse(String name, String text) throws TemplateException {
    ParseCache.Entry e = CACHE.get(name, text);
    Parsed p = e.parsed();
    if (p == null) {
      throw new TemplateException(String.valueOf(e.error()));
    }
    return p;
  }

  private static Parsed parseWithDefaults(String name, String text) {
    Parsed own = Parser.parse(name, text, FUNCS.keySet());
    Map<String, Node.ListNode> all = new HashMap<>(DEFAULT_TREES);
    all.putAll(own.templates());
    return new Parsed(own.name(), own.text(), Map.copyOf(all));
  }

  /** Expands {@code text} on {@code data}. */
  static String expand(String name, String text, NotificationData data) throws TemplateException {
    Objects.requireNonNull(data, "data");
    Parsed parsed = parse(name, text);
    TemplateData env =
        new TemplateData(Map.of(), 0, Map.of(), data.externalUrl(), 0, QueryFunc.NONE);
    try {
      return Exec.execute(parsed, FUNCS, env, data);
    } catch (Exec.ExecError err) {
      throw new TemplateException(String.valueOf(err.getMessage()), err);
    } catch (StackOverflowError err) {
      throw new TemplateException("template: " + name + ": template nests too deeply", err);
    }
  }
}
