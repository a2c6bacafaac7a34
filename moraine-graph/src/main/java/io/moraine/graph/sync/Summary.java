package io.moraine.graph.sync;

import io.moraine.core.time.Durations;
import io.moraine.graph.render.GraphRenderer.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * One window summary of one metric: its function, the PromQL that computes it, and its triples as a
 * {@code glc:AggregatedMeasurement} with a stable IRI ({@code {entity}/usage/{metric}/{fn}}).
 */
record Summary(Telemetry metric, Function fn, String promql, Node node) {

  /** The window functions, each with its IRI segment and its PromQL. */
  enum Function {
    AVG("avg", "avg_over_time"),
    MAX("max", "max_over_time"),
    P95("p95", "quantile_over_time(0.95)");

    final String segment;
    final String label;

    Function(String segment, String label) {
      this.segment = segment;
      this.label = label;
    }

    String promql(String inner, String range) {
      String sub = "((" + inner + ")[" + range + "])";
      return switch (this) {
        case AVG -> "avg_over_time" + sub;
        case MAX -> "max_over_time" + sub;
        case P95 -> "quantile_over_time(0.95, (" + inner + ")[" + range + "])";
      };
    }
  }

  /** The summaries of {@code metrics} for {@code entity} over {@code window} at {@code step}. */
  static List<Summary> of(Node entity, List<Telemetry> metrics, Duration window, Duration step) {
    String range = Durations.format(window.toMillis()) + ":" + Durations.format(step.toMillis());
    return metrics.stream()
        .flatMap(
            m ->
                java.util.Arrays.stream(Function.values())
                    .map(
                        f ->
                            new Summary(
                                m,
                                f,
                                f.promql(m.promql(), range),
                                NodeFactory.createURI(
                                    entity.getURI() + "/usage/" + m.name() + "/" + f.segment))))
        .toList();
  }

  /** Adds this summary's triples, valued {@code value} over the window ending at {@code end}. */
  void write(
      Graph g, Node entity, Node link, double value, Instant end, Duration window, Duration step) {
    g.add(entity, link, node);
    g.add(node, Vocab.RDF_TYPE, Vocab.AGGREGATED_MEASUREMENT);
    g.add(node, Vocab.HAS_DESCRIPTION, NodeFactory.createLiteralString(metric.name()));
    g.add(node, Vocab.HAS_VALUE, number(value));
    g.add(node, Vocab.MEASURED_IN, NodeFactory.createURI(metric.unit()));
    g.add(node, Vocab.HAS_AGGREGATED_FUNCTION, NodeFactory.createLiteralString(fn.label));
    g.add(node, Vocab.STARTING_INTERVAL, Vocab.dateTime(end.minus(window)));
    g.add(node, Vocab.ENDING_INTERVAL, Vocab.dateTime(end));
    g.add(
        node,
        Vocab.TIME_STEP_RESOLUTION,
        NodeFactory.createLiteralDT(step.toString(), XSDDatatype.XSDduration));
    g.add(node, Vocab.PROMQL, NodeFactory.createLiteralString(promql));
  }

  private static Node number(double v) {
    String lex;
    if (Double.isNaN(v)) {
      lex = "NaN";
    } else if (Double.isInfinite(v)) {
      lex = v > 0 ? "INF" : "-INF";
    } else {
      lex = Double.toString(v);
    }
    return NodeFactory.createLiteralDT(lex, XSDDatatype.XSDdouble);
  }
}
