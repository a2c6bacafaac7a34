package io.moraine.graph.sites;

import io.moraine.graph.usage.UsageSource;
import io.moraine.graph.usage.UsageSource.UsageException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage over a window from the telemetry the graph links to: each entity's metrics (their PromQL
 * and unit) come from its {@code mor:telemetry} dataset, and each is evaluated at the window's end
 * as {@code avg_over_time((q)[<window>:<step>])} and {@code max_over_time(...)}. Thread-safe.
 */
final class UsageReader {
  private static final Logger LOG = LoggerFactory.getLogger(UsageReader.class);

  /** One metric an entity's telemetry lists. */
  record Metric(String promql, String unitIri) {}

  private final Sparql sparql;
  private final UsageSource source;
  private final SiteViewOptions options;

  UsageReader(Sparql sparql, UsageSource source, SiteViewOptions options) {
    this.sparql = sparql;
    this.source = source;
    this.options = options;
  }

  /** The metrics of every entity in {@code entities}, by entity and resource. */
  Map<Node, Map<Resource, Metric>> metrics(Collection<Node> entities) {
    Map<Node, Map<Resource, Metric>> out = new HashMap<>();
    if (entities.isEmpty()) {
      return out;
    }
    String q =
        "SELECT ?e ?name ?promql ?unit WHERE {\n"
            + Sparql.values("e", entities)
            + "?e mor:telemetry ?t . ?t mor:metrics ?ds . ?ds mor:metric ?m .\n"
            + "?m mor:name ?name ; mor:promql ?promql .\n"
            + "OPTIONAL { ?m glc:measuredIn ?unit }\n"
            + "}";
    for (Map<String, Node> row : sparql.select(q)) {
      Resource r = Resource.ofMetric(Sparql.string(row.get("name")));
      Node unit = row.get("unit");
      if (r == null || unit == null || !unit.isURI()) {
        continue;
      }
      out.computeIfAbsent(row.get("e"), k -> new EnumMap<>(Resource.class))
          .putIfAbsent(r, new Metric(Sparql.string(row.get("promql")), unit.getURI()));
    }
    return out;
  }

  /** The usage of one resource over {@code w}; a failure leaves it null and adds a warning. */
  Usage used(@Nullable Metric metric, Resource r, Window w, List<String> warnings) {
    if (metric == null || metric.promql().isEmpty()) {
      return Usage.unknown(r.usageUnit());
    }
    Unit unit = Unit.of(metric.unitIri(), r);
    if (unit == null) {
      warnings.add(r.wireName() + " usage is in an unknown unit " + metric.unitIri());
      return Usage.unknown(r.usageUnit());
    }
    String range =
        "(("
            + metric.promql()
            + ")["
            + Window.promDuration(w.millis())
            + ":"
            + Window.promDuration(w.stepMillis(options.minStep(), options.maxSteps()))
            + "])";
    String avg = "avg_over_time" + range;
    String max = "max_over_time" + range;
    return new Usage(eval(avg, w, warnings), eval(max, w, warnings), unit, avg);
  }

  private @Nullable Double eval(String promql, Window w, List<String> warnings) {
    try {
      List<UsageSource.Sample> samples = source.instant(promql, w.end());
      if (samples.isEmpty()) {
        return null;
      }
      double sum = 0;
      for (UsageSource.Sample s : samples) {
        sum += s.value();
      }
      return Double.isFinite(sum) ? sum : null;
    } catch (UsageException e) {
      LOG.atWarn()
          .addKeyValue("promql", promql)
          .addKeyValue("error", e.getMessage())
          .log("usage query failed");
      warnings.add("usage query failed: " + e.getMessage() + " (" + promql + ")");
      return null;
    }
  }
}
