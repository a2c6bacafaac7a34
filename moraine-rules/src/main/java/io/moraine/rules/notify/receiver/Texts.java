package io.moraine.rules.notify.receiver;

import io.moraine.rules.template.GoTemplates;
import io.moraine.rules.template.NotificationData;
import io.moraine.rules.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Expands configured texts for one notification: a text containing {@code {{} is an Alertmanager
 * notification template run on the notification's data, any other text is literal. Not
 * thread-safe; one instance per payload.
 */
final class Texts {
  private final TemplateView view;
  private @Nullable NotificationData data;

  Texts(TemplateView view) {
    this.view = view;
  }

  /** Whether {@code text} is a template rather than a literal. */
  static boolean templated(String text) {
    return text.contains("{{");
  }

  /**
   * {@code text} expanded; {@code field} names it in error messages.
   *
   * @throws TemplateException when the template does not parse or fails
   */
  String expand(String field, String text) throws TemplateException {
    if (!templated(text)) {
      return text;
    }
    NotificationData d = data;
    if (d == null) {
      d = view.data();
      data = d;
    }
    return GoTemplates.expandNotification(field, text, d);
  }

  /** Each value of {@code m} expanded, in the same order; {@code field} prefixes the keys. */
  Map<String, String> expandValues(String field, Map<String, String> m) throws TemplateException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.put(e.getKey(), expand(field + "." + e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The outcome of a text that failed to expand: a permanent failure, reason {@code template}. */
  static Outcome failed(String kind, TemplateException e) {
    return Outcome.fail("template", kind + ": " + e.getMessage());
  }
}
