package io.moraine.rules.rule;

import io.moraine.rules.template.Escapes;
import io.moraine.rules.template.GoTemplates;
import io.moraine.rules.template.TemplateData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expands an alerting rule's label and annotation templates for one alert. Stateless. */
final class AlertTemplates {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTemplates.class);

  private AlertTemplates() {}

  /**
   * Expands every value of {@code templates}; text without {@code {{} is taken as it is and the
   * template data is built only when some value needs it.
   *
   * @return name → expanded value, in the order of {@code templates}
   */
  static Map<String, String> expandAll(
      String alertName, Map<String, String> templates, Supplier<TemplateData> data) {
    Map<String, String> out = new LinkedHashMap<>(templates.size() * 2);
    TemplateData d = null;
    for (Map.Entry<String, String> e : templates.entrySet()) {
      String text = e.getValue();
      if (!text.contains("{{")) {
        out.put(e.getKey(), text);
        continue;
      }
      if (d == null) {
        d = data.get();
      }
      out.put(e.getKey(), expand(alertName, text, d));
    }
    return out;
  }

  private static String expand(String alertName, String text, TemplateData data) {
    try {
      return GoTemplates.expand("__alert_" + alertName, text, data);
    } catch (RuntimeException e) {
      // GoTemplates promises not to throw; a failure is still shown the way Prometheus shows one.
      LOG.atWarn()
          .addKeyValue("alert", alertName)
          .addKeyValue("err", e.toString())
          .log("Expanding alert template failed");
      return "<error expanding template: " + e.getMessage() + ">";
    }
  }

  /** Prometheus's link to the table view of {@code expr}: {@code /graph?g0.expr=...&g0.tab=1}. */
  static String generatorUrl(String externalUrl, String expr) {
    return externalUrl + "/graph?g0.expr=" + Escapes.queryEscape(expr) + "&g0.tab=1";
  }
}
