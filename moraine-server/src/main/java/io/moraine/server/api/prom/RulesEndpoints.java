package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.labels.Labels;
import io.moraine.rules.group.GroupSnapshot;
import io.moraine.rules.group.RuleSnapshot;
import io.moraine.rules.rule.AlertSnapshot;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/rules} (filters {@code type}, {@code rule_name[]}, {@code rule_group[]},
 * {@code file[]}) and {@code GET /api/v1/alerts}, shaped as Prometheus answers them.
 */
final class RulesEndpoints {
  private final Supplier<RulesSource> source;

  RulesEndpoints(Supplier<RulesSource> source) {
    this.source = source;
  }

  JsonData rules(Params p, ServiceRequestContext ctx) {
    String type = p.first("type").toLowerCase(java.util.Locale.ROOT);
    if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
      throw ParamErrors.invalidParam("type", "not supported value \"" + p.first("type") + "\"");
    }
    boolean alerts = type.isEmpty() || type.equals("alert");
    boolean records = type.isEmpty() || type.equals("record");
    Set<String> names = new HashSet<>(p.all("rule_name[]"));
    Set<String> groupNames = new HashSet<>(p.all("rule_group[]"));
    Set<String> files = new HashSet<>(p.all("file[]"));
    List<GroupSnapshot> groups = source.get().groups();
    return g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("groups");
      for (GroupSnapshot gr : groups) {
        if ((!groupNames.isEmpty() && !groupNames.contains(gr.name()))
            || (!files.isEmpty() && !files.contains(gr.file()))) {
          continue;
        }
        List<RuleSnapshot> rules =
            gr.rules().stream()
                .filter(r -> r.alerting() ? alerts : records)
                .filter(r -> names.isEmpty() || names.contains(r.name()))
                .toList();
        if (rules.isEmpty() && (!names.isEmpty() || !type.isEmpty())) {
          continue; // as Prometheus: a filtered group with no rules left is not listed
        }
        writeGroup(g, gr, rules);
      }
      g.writeEndArray();
      g.writeEndObject();
    };
  }

  JsonData alerts(Params p, ServiceRequestContext ctx) {
    List<AlertSnapshot> alerts = source.get().alerts();
    return g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("alerts");
      for (AlertSnapshot a : alerts) {
        writeAlert(g, a);
      }
      g.writeEndArray();
      g.writeEndObject();
    };
  }

  JsonData alertmanagers(Params p, ServiceRequestContext ctx) {
    RulesSource s = source.get();
    List<java.net.URI> active = s.activeAlertmanagers();
    List<java.net.URI> dropped = s.droppedAlertmanagers();
    return g -> {
      g.writeStartObject();
      writeUrls(g, "activeAlertmanagers", active);
      writeUrls(g, "droppedAlertmanagers", dropped);
      g.writeEndObject();
    };
  }

  private static void writeUrls(JsonGenerator g, String field, List<java.net.URI> urls)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (java.net.URI u : urls) {
      g.writeStartObject();
      g.writeStringField("url", u.toString());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeGroup(JsonGenerator g, GroupSnapshot gr, List<RuleSnapshot> rules)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", gr.name());
    g.writeStringField("file", gr.file());
    g.writeArrayFieldStart("rules");
    for (RuleSnapshot r : rules) {
      writeRule(g, r);
    }
    g.writeEndArray();
    g.writeNumberField("interval", gr.intervalMillis() / 1000.0);
    g.writeNumberField("limit", gr.limit());
    g.writeNumberField("evaluationTime", gr.evaluationTimeNanos() / 1e9);
    g.writeStringField("lastEvaluation", time(gr.lastEvaluationMillis()));
    g.writeEndObject();
  }

  private static void writeRule(JsonGenerator g, RuleSnapshot r) throws IOException {
    g.writeStartObject();
    if (r.alerting()) {
      g.writeStringField("state", r.state());
    }
    g.writeStringField("name", r.name());
    g.writeStringField("query", r.query());
    if (r.alerting()) {
      g.writeNumberField("duration", r.forMillis() / 1000.0);
      g.writeNumberField("keepFiringFor", r.keepFiringForMillis() / 1000.0);
      writeMap(g, "labels", r.labels());
      writeMap(g, "annotations", r.annotations());
      g.writeArrayFieldStart("alerts");
      for (AlertSnapshot a : r.alerts()) {
        writeAlert(g, a);
      }
      g.writeEndArray();
    } else if (!r.labels().isEmpty()) {
      writeMap(g, "labels", r.labels());
    }
    g.writeStringField("health", r.health().apiName());
    String err = r.lastError();
    if (err != null && !err.isEmpty()) {
      g.writeStringField("lastError", err);
    }
    g.writeNumberField("evaluationTime", r.evaluationTimeNanos() / 1e9);
    g.writeStringField("lastEvaluation", time(r.lastEvaluationMillis()));
    g.writeStringField("type", r.alerting() ? "alerting" : "recording");
    g.writeEndObject();
  }

  private static void writeAlert(JsonGenerator g, AlertSnapshot a) throws IOException {
    g.writeStartObject();
    g.writeFieldName("labels");
    ApiJson.writeLabels(g, a.labels());
    writeMap(g, "annotations", a.annotations());
    g.writeStringField("state", a.state().apiName());
    g.writeStringField("activeAt", time(a.activeAtMillis()));
    if (a.keepFiringSinceMillis() > 0) {
      g.writeStringField("keepFiringSince", time(a.keepFiringSinceMillis()));
    }
    g.writeStringField("value", ApiJson.exponent(a.value()));
    g.writeEndObject();
  }

  private static void writeMap(JsonGenerator g, String field, Map<String, String> m)
      throws IOException {
    g.writeFieldName(field);
    ApiJson.writeLabels(g, Labels.of(flatten(m)));
  }

  private static String[] flatten(Map<String, String> m) {
    String[] out = new String[m.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      out[i++] = e.getKey();
      out[i++] = e.getValue();
    }
    return out;
  }

  private static String time(long ms) {
    return ms == 0 ? PromTimes.GO_ZERO_TIME : StatusEndpoints.rfc3339Nano(ms);
  }
}
