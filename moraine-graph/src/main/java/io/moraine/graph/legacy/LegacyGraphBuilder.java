package io.moraine.graph.legacy;

import static io.moraine.graph.legacy.LegacyVocabulary.*;

import io.moraine.graph.legacy.LegacyQuery.Aggregation;
import io.moraine.graph.render.IriSegments;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.jspecify.annotations.Nullable;

/**
 * Accumulates one legacy snapshot: the resource, status, measurement and constraint patterns of the
 * original exporter, and the vocabulary nodes (units, properties, sources, aspects, schedulers)
 * each the first time it is used. Not thread-safe; one per render.
 */
final class LegacyGraphBuilder {
  /** Doubles above this are written as xsd:double even when whole (2^53: exact as a long). */
  private static final double MAX_EXACT_INTEGER = 9.007199254740992E15;

  private final Graph graph = GraphFactory.createDefaultGraph();
  private final String namespace;
  private final long nowMillis;
  private final Set<Node> vocabulary = new HashSet<>();

  LegacyGraphBuilder(String namespace, long nowMillis) {
    this.namespace = namespace;
    this.nowMillis = nowMillis;
  }

  Graph graph() {
    return graph;
  }

  long nowMillis() {
    return nowMillis;
  }

  /** {@code cluster:<a>.<b>...}, each part percent-encoded where it is not IRI-safe. */
  Node cluster(String... parts) {
    StringBuilder sb = new StringBuilder(namespace);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(IriSegments.encode(parts[i]));
    }
    return NodeFactory.createURI(sb.toString());
  }

  /** {@code <parent>.<suffix>}. */
  static Node child(Node parent, String suffix) {
    return NodeFactory.createURI(parent.getURI() + "." + suffix);
  }

  void add(Node s, Node p, Node o) {
    graph.add(Triple.create(s, p, o));
  }

  /** {@code iri a type; hasDescription description; hasID iri} (no description when empty). */
  Node resource(Node iri, Node type, String description) {
    add(iri, TYPE, type);
    if (!description.isEmpty()) {
      add(iri, HAS_DESCRIPTION, NodeFactory.createLiteralString(description));
    }
    add(iri, HAS_ID, iri);
    return iri;
  }

  /** {@code owner hasStatus <owner>.Status} with its description and times. */
  void status(Node owner, String description, @Nullable Instant start, @Nullable Instant end) {
    Node status = resource(child(owner, "Status"), STATUS, description);
    add(owner, HAS_STATUS, status);
    if (start != null) {
      add(status, START_TIME, dateTime(start));
    }
    if (end != null) {
      add(status, END_TIME, dateTime(end));
    }
  }

  /**
   * A measurement {@code m} held by {@code holder}, made by {@code source}; aggregated when {@code
   * aggregation} is set (interval in ms ending at the measurement's time).
   */
  void measurement(
      Node holder,
      Node m,
      String property,
      String unit,
      String source,
      double value,
      long timestampMillis,
      @Nullable Aggregation aggregation) {
    resource(m, aggregation == null ? MEASUREMENT : AGGREGATED_MEASUREMENT, property);
    add(holder, HAS_MEASUREMENT, m);
    add(m, HAS_VALUE, number(value));
    add(m, HAS_TIMESTAMP, integer(timestampMillis));
    add(m, MEASURED_IN, unit(unit));
    add(m, RELATES_TO_PROPERTY, vocab(glc(property), MEASUREMENT_PROPERTY, ""));
    add(source(source), MAKES, m);
    if (aggregation != null) {
      add(m, HAS_AGGREGATED_FUNCTION, NodeFactory.createLiteralString(aggregation.function()));
      add(m, STARTING_INTERVAL, integer(timestampMillis - aggregation.periodSeconds() * 1000));
      add(m, ENDING_INTERVAL, integer(timestampMillis));
    }
  }

  /** A Soft (requests, {@code .Allocated}) or Hard (limits, {@code .Capacity}) constraint. */
  void constraint(
      Node task, String resource, boolean hard, double max, String unit, String aspect) {
    String name = resource + (hard ? ".Capacity" : ".Allocated");
    Node c = resource(child(task, name), hard ? HARD_CONSTRAINT : SOFT_CONSTRAINT, name);
    add(task, HAS_CONSTRAINT, c);
    add(c, MAX_VALUE, number(max));
    add(c, HAS_ASPECT, vocab(glc(aspect), ASPECT, ""));
    add(c, MEASURED_IN, unit(unit));
  }

  Node unit(String unit) {
    return vocab(glc(unit), MEASUREMENT_UNIT, "");
  }

  Node source(String source) {
    return vocab(glc(source), MEASURING_RESOURCE, sourceDescription(source));
  }

  Node scheduler(String name) {
    return vocab(glc(name.isEmpty() ? DEFAULT_SCHEDULER : name), SCHEDULER, "");
  }

  private Node vocab(Node iri, Node type, String description) {
    if (vocabulary.add(iri)) {
      resource(iri, type, description);
    }
    return iri;
  }

  /**
   * A whole number as xsd:integer, anything else as xsd:double: what JSON-LD 1.1 makes of a JSON
   * number, and never a fraction typed as an integer (the original's Turtle bug).
   */
  static Node number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < MAX_EXACT_INTEGER) {
      return integer((long) v);
    }
    return NodeFactory.createLiteralDT(Double.toString(v), XSDDatatype.XSDdouble);
  }

  static Node integer(long v) {
    return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDinteger);
  }

  static Node dateTime(Instant t) {
    return NodeFactory.createLiteralDT(
        DateTimeFormatter.ISO_INSTANT.format(t), XSDDatatype.XSDdateTime);
  }
}
