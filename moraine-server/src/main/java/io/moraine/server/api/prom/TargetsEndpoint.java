package io.moraine.server.api.prom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.time.Durations;
import io.moraine.ingest.scrape.ScrapeManager;
import io.moraine.ingest.scrape.TargetStatus;
import io.moraine.promql.ast.VectorSelector;
import io.moraine.promql.parser.ParseException;
import io.moraine.promql.parser.Parser;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/v1/targets}: active and dropped targets as Prometheus 2.42 lists them. */
final class TargetsEndpoint {
  /** Go's zero time, what Prometheus shows before a target's first scrape. */
  private static final String NEVER = "0001-01-01T00:00:00Z";

  private final Supplier<TargetSource> targets;

  TargetsEndpoint(Supplier<TargetSource> targets) {
    this.targets = targets;
  }

  JsonData targets(Params p, ServiceRequestContext ctx) {
    String state = p.first("state").toLowerCase(java.util.Locale.ROOT);
    boolean active = state.isEmpty() || state.equals("any") || state.equals("active");
    boolean dropped = state.isEmpty() || state.equals("any") || state.equals("dropped");
    if (!active && !dropped) {
      throw new ApiException(ErrorType.BAD_DATA, "invalid state \"" + state + "\"");
    }
    TargetSource src = targets.get();
    List<TargetStatus> act = active ? src.activeTargets() : List.of();
    Map<String, List<Labels>> drop = dropped ? src.droppedTargets() : Map.of();
    return g -> {
      g.writeStartObject();
      g.writeFieldName("activeTargets");
      g.writeStartArray();
      for (TargetStatus t : act) {
        writeActive(g, t);
      }
      g.writeEndArray();
      g.writeFieldName("droppedTargets");
      g.writeStartArray();
      for (List<Labels> ls : drop.values()) {
        for (Labels l : ls) {
          g.writeStartObject();
          g.writeFieldName("discoveredLabels");
          ApiJson.writeLabels(g, l);
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    };
  }

  /**
   * {@code GET /api/v1/targets/metadata}: {@code match_target} (a label selector over target
   * labels), {@code metric} and {@code limit}, as Prometheus 2.42 answers it.
   */
  JsonData metadata(Params p, ServiceRequestContext ctx) {
    List<Matcher> matchers = List.of();
    String sel = p.first("match_target");
    if (!sel.isEmpty()) {
      try {
        if (!(Parser.parse(sel) instanceof VectorSelector vs)) {
          throw new ApiException(ErrorType.BAD_DATA, "invalid match_target: not a selector");
        }
        matchers = vs.matchers();
      } catch (ParseException e) {
        throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
      }
    }
    String metric = p.first("metric");
    int limit = -1;
    if (!p.first("limit").isEmpty()) {
      try {
        limit = Integer.parseInt(p.first("limit"));
      } catch (NumberFormatException e) {
        throw new ApiException(ErrorType.BAD_DATA, "limit must be a number");
      }
    }
    List<ScrapeManager.TargetMetadata> out = new java.util.ArrayList<>();
    for (ScrapeManager.TargetMetadata m : targets.get().targetMetadata()) {
      if (limit >= 0 && out.size() >= limit) {
        break;
      }
      if ((metric.isEmpty() || metric.equals(m.metadata().metric()))
          && matches(matchers, m.target())) {
        out.add(m);
      }
    }
    return g -> {
      g.writeStartArray();
      for (ScrapeManager.TargetMetadata m : out) {
        g.writeStartObject();
        g.writeFieldName("target");
        ApiJson.writeLabels(g, m.target());
        if (metric.isEmpty()) {
          g.writeStringField("metric", m.metadata().metric());
        }
        g.writeStringField("type", m.metadata().type());
        g.writeStringField("help", m.metadata().help());
        g.writeStringField("unit", m.metadata().unit());
        g.writeEndObject();
      }
      g.writeEndArray();
    };
  }

  private static boolean matches(List<Matcher> matchers, Labels target) {
    for (Matcher m : matchers) {
      if (!m.name().equals(Labels.METRIC_NAME) && !m.matches(target.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  private static void writeActive(JsonGenerator g, TargetStatus t) throws IOException {
    g.writeStartObject();
    g.writeFieldName("discoveredLabels");
    ApiJson.writeLabels(g, t.discoveredLabels());
    g.writeFieldName("labels");
    ApiJson.writeLabels(g, t.labels());
    g.writeStringField("scrapePool", t.job());
    g.writeStringField("scrapeUrl", t.scrapeUrl());
    g.writeStringField("globalUrl", t.scrapeUrl());
    g.writeStringField("lastError", t.lastError() == null ? "" : t.lastError());
    g.writeStringField(
        "lastScrape",
        t.lastScrapeMillis() == 0 ? NEVER : Instant.ofEpochMilli(t.lastScrapeMillis()).toString());
    g.writeNumberField("lastScrapeDuration", t.lastScrapeDurationSeconds());
    g.writeStringField("health", t.health());
    g.writeStringField("scrapeInterval", Durations.format(t.intervalMillis()));
    g.writeStringField("scrapeTimeout", Durations.format(t.timeoutMillis()));
    g.writeEndObject();
  }
}
