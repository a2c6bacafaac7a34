package io.moraine.graph.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;

/**
 * Writes triples into one graph with Moraine's literal conventions: numbers as {@code xsd:decimal}
 * rounded to 15 significant digits without trailing zeros (0.1 stays 0.1), times as UTC {@code
 * xsd:dateTime}, empty strings and non-finite numbers left out. Not thread-safe.
 */
final class Emit {
  /** Annotations that copy a whole object and would bloat every graph. */
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /**
   * 15 significant digits, the most a double always carries exactly: sums such as 0.1 + 0.2 lose
   * their binary noise (0.3, not 0.30000000000000004) while byte counts up to 10^15 stay exact.
   */
  private static final MathContext DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

  private final Graph graph = GraphFactory.createDefaultGraph();

  Graph graph() {
    return graph;
  }

  void add(Node s, Node p, Node o) {
    graph.add(s, p, o);
  }

  void type(Node s, Node... classes) {
    for (Node c : classes) {
      graph.add(s, org.apache.jena.vocabulary.RDF.Nodes.type, c);
    }
  }

  void text(Node s, Node p, String v) {
    if (!v.isEmpty()) {
      graph.add(s, p, NodeFactory.createLiteralString(v));
    }
  }

  void number(Node s, Node p, double v) {
    if (Double.isFinite(v)) {
      graph.add(s, p, decimal(v));
    }
  }

  void integer(Node s, Node p, long v) {
    graph.add(s, p, NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDinteger));
  }

  void bool(Node s, Node p, boolean v) {
    graph.add(s, p, NodeFactory.createLiteralDT(Boolean.toString(v), XSDDatatype.XSDboolean));
  }

  void time(Node s, Node p, @Nullable Instant t) {
    if (t != null) {
      graph.add(s, p, dateTime(t));
    }
  }

  void url(Node s, Node p, String url) {
    graph.add(s, p, NodeFactory.createLiteralDT(url, XSDDatatype.XSDanyURI));
  }

  /**
   * Labels or annotations of {@code entity} as one IRI node per key ({@code {entity}/label/{key}})
   * with {@code mor:key} and {@code mor:value}.
   */
  void pairs(Node entity, Map<String, String> pairs, boolean labels) {
    Node link = labels ? Vocab.Mor.HAS_LABEL : Vocab.Mor.HAS_ANNOTATION;
    Node cls = labels ? Vocab.Mor.LABEL : Vocab.Mor.ANNOTATION;
    String seg = labels ? "label/" : "annotation/";
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      if (!labels && e.getKey().equals(LAST_APPLIED)) {
        continue;
      }
      Node n = Iris.under(entity, seg + Iris.segment(e.getKey()));
      add(entity, link, n);
      type(n, cls);
      add(n, Vocab.Mor.KEY, NodeFactory.createLiteralString(e.getKey()));
      add(n, Vocab.Mor.VALUE, NodeFactory.createLiteralString(e.getValue()));
    }
  }

  /** {@code entity}'s status node ({@code {entity}/status}) with its description and times. */
  Node status(Node entity, String description, @Nullable Instant start, @Nullable Instant end) {
    Node st = Iris.under(entity, "status");
    add(entity, Vocab.Glc.HAS_STATUS, st);
    type(st, Vocab.Glc.STATUS);
    text(st, Vocab.Glc.HAS_DESCRIPTION, description);
    time(st, Vocab.Glc.START_TIME, start);
    time(st, Vocab.Glc.END_TIME, end);
    return st;
  }

  static Node decimal(double v) {
    String s = BigDecimal.valueOf(v).round(DIGITS).stripTrailingZeros().toPlainString();
    return NodeFactory.createLiteralDT(s, XSDDatatype.XSDdecimal);
  }

  static Node dateTime(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }
}
