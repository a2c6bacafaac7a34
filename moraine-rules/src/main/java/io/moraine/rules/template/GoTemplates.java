package io.moraine.rules.template;

import io.moraine.rules.template.Parser.Parsed;
import io.moraine.rules.template.Values.AlertData;
import io.moraine.rules.template.Values.GoMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Prometheus's template expansion for alerting rules' labels and annotations: Go's text/template
 * with Prometheus 2.42's functions, {@code missingkey=zero}. Thread-safe.
 *
 * <p>{@code name} is the alerting rule's name: the template is called {@code __alert_NAME} in
 * messages, as in Prometheus (a name that already starts with {@code __alert_} is taken as is). The
 * text is prefixed with {@code {{$labels := .Labels}}{{$externalLabels :=
 * .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}}, so columns in messages
 * count that prefix on line 1, as Prometheus's do.
 *
 * <p>Parsed templates (and parse errors) are cached by name and text, at most {@link
 * ParseCache#SIZE} of them; execution never re-parses.
 */
public final class GoTemplates {
  private GoTemplates() {}

  /** The variable definitions Prometheus puts before every alert template. */
  static final String PREFIX =
      "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
          + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

  static final Map<String, Func> FUNCS = functions();

  private static final ParseCache CACHE =
      new ParseCache(
          (name, text) -> Parser.parse(templateName(name), PREFIX + text, FUNCS.keySet()));

  private static Map<String, Func> functions() {
    Map<String, Func> m = new HashMap<>();
    for (Func f : Builtins.all()) {
      m.put(f.name(), f);
    }
    for (Func f : PromFuncs.all()) {
      m.put(f.name(), f);
    }
    return Map.copyOf(m);
  }

  /**
   * Parses {@code text} as a rule template (with the {@code $labels}, {@code $value}, {@code
   * $externalLabels}, {@code $externalURL} variables defined) without executing it.
   *
   * @throws TemplateException naming the line and reason, like Go's parser
   */
  public static void check(String name, String text) throws TemplateException {
    ParseCache.Entry e = CACHE.get(name, text);
    if (e.parsed() == null) {
      throw new TemplateException(String.valueOf(e.error()));
    }
  }

  /**
   * Expands {@code text} for one alert. Never throws: a template that fails expands, as in
   * Prometheus, to {@code <error expanding template: MESSAGE>}.
   */
  public static String expand(String name, String text, TemplateData data) {
    try {
      return expandOrThrow(name, text, data);
    } catch (TemplateException e) {
      return "<error expanding template: " + e.getMessage() + ">";
    }
  }

  /**
   * Expands {@code text} for one alert.
   *
   * @throws TemplateException with Prometheus's message ({@code error parsing template NAME: ...}
   *     or {@code error executing template NAME: ...})
   */
  static String expandOrThrow(String name, String text, TemplateData data)
      throws TemplateException {
    Objects.requireNonNull(data, "data");
    ParseCache.Entry e = CACHE.get(name, text);
    String tmplName = templateName(name);
    Parsed parsed = e.parsed();
    if (parsed == null) {
      throw new TemplateException("error parsing template " + tmplName + ": " + e.error());
    }
    AlertData dot =
        new AlertData(
            GoMap.ofStrings(data.labels()),
            GoMap.ofStrings(data.externalLabels()),
            data.externalUrl(),
            data.value());
    try {
      return Exec.execute(parsed, FUNCS, data, dot);
    } catch (Exec.ExecError err) {
      throw new TemplateException(
          "error executing template " + tmplName + ": " + err.getMessage(), err);
    } catch (StackOverflowError err) {
      throw new TemplateException(
          "error executing template " + tmplName + ": template nests too deeply", err);
    }
  }

  /**
   * Parses {@code text} as an Alertmanager 0.25 notification template named {@code name}
   * (Alertmanager's functions; its default templates such as {@code "__subject"} or {@code
   * "slack.default.title"} may be called) without executing it. Cached.
   *
   * @throws TemplateException with Go's message: {@code template: NAME:LINE:COL: REASON}
   */
  public static void checkNotification(String name, String text) throws TemplateException {
    NotifyTemplates.parse(name, text);
  }

  /**
   * Expands {@code text}, an Alertmanager 0.25 notification template named {@code name}, on {@code
   * data} (Alertmanager's {@code template.Data}; {@code missingkey=zero}).
   *
   * @throws TemplateException when it does not parse or fails, with Go's message
   */
  public static String expandNotification(String name, String text, NotificationData data)
      throws TemplateException {
    return NotifyTemplates.expand(name, text, data);
  }

  static String templateName(String name) {
    return name.startsWith("__alert_") ? name : "__alert_" + name;
  }
}
