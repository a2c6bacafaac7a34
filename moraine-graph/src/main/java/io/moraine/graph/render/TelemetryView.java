package io.moraine.graph.render;

import io.moraine.graph.render.GraphRenderer.Telemetry;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Renders an entity's telemetry: {@code {entity}/telemetry} linking a metrics dataset (Prometheus,
 * one {@code mor:Metric} per metric with its PromQL and unit) and a logs dataset (Loki, its LogQL
 * selector), each with a dashboard link, and the two data services they are served by.
 */
final class TelemetryView {
  private final RenderOptions options;
  private final Iris iris;

  TelemetryView(RenderOptions options, Iris iris) {
    this.options = options;
    this.iris = iris;
  }

  static Node telemetryOf(Node entity) {
    return Iris.under(entity, "telemetry");
  }

  Graph render(Node entity, Queries q) {
    Emit e = new Emit();
    Node tel = telemetryOf(entity);
    e.type(tel, Vocab.Mor.TELEMETRY);
    Node metrics = Iris.under(tel, "metrics");
    Node logs = Iris.under(tel, "logs");
    e.add(tel, Vocab.Mor.METRICS, metrics);
    e.add(tel, Vocab.Mor.LOGS, logs);

    Node prometheus = service(e, "prometheus", options.prometheusQueryUrl());
    e.type(metrics, Vocab.Dcat.DATASET, Vocab.Mor.METRICS_DATASET);
    e.text(metrics, Vocab.Mor.DATASET_TYPE, "timeseries");
    e.add(metrics, Vocab.Dcat.ACCESS_SERVICE, prometheus);
    e.url(metrics, Vocab.Mor.DASHBOARD, options.metricsDashboardFor(q.allSeries()));
    for (Telemetry t : q.metrics()) {
      Node m = Iris.under(metrics, t.name());
      e.add(metrics, Vocab.Mor.HAS_METRIC, m);
      e.type(m, Vocab.Mor.METRIC);
      e.text(m, Vocab.Mor.NAME, t.name());
      e.add(m, Vocab.Glc.MEASURED_IN, NodeFactory.createURI(t.unit()));
      e.text(m, Vocab.Mor.PROMQL, t.promql());
      e.url(m, Vocab.Mor.DASHBOARD, options.metricsDashboardFor(t.promql()));
    }

    Node loki = service(e, "loki", options.lokiQueryUrl());
    e.type(logs, Vocab.Dcat.DATASET, Vocab.Mor.LOGS_DATASET);
    e.text(logs, Vocab.Mor.DATASET_TYPE, "logs");
    e.add(logs, Vocab.Dcat.ACCESS_SERVICE, loki);
    e.text(logs, Vocab.Mor.LOGQL, q.logSelector());
    e.url(logs, Vocab.Mor.DASHBOARD, options.logsDashboardFor(q.logSelector()));
    return e.graph();
  }

  private Node service(Emit e, String sourceType, String endpoint) {
    Node s = iris.service(sourceType);
    e.type(s, Vocab.Dcat.DATA_SERVICE);
    e.text(s, Vocab.Mor.SOURCE_TYPE, sourceType);
    e.add(s, Vocab.Dcat.ENDPOINT_URL, NodeFactory.createURI(endpoint));
    return s;
  }
}
